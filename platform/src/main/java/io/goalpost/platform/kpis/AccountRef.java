package io.goalpost.platform.kpis;

/**
 * An account as the analytics see it.
 *
 * @param id account id
 * @param network plugin network id, or {@code manual}
 * @param name the account's name
 */
public record AccountRef(long id, String network, String name) {
}
