package io.goalpost.platform.kpis;

import io.vertx.sqlclient.Tuple;

/** Builds a parameter tuple element by element, so that an array argument is one parameter, not spread. */
public final class Params {

    private Params() {
    }

    /** A tuple of exactly these values (arrays stay single values). */
    public static Tuple of(Object... values) {
        Tuple t = Tuple.tuple();
        for (Object v : values) {
            t.addValue(v);
        }
        return t;
    }
}
