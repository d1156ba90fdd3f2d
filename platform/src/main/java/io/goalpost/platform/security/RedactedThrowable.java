package io.goalpost.platform.security;

/**
 * A copy of a throwable that is safe to log: the same class name, stack trace and cause chain, with
 * every message passed through a {@link Redactor}. A plugin's exception message may quote a URL with
 * its token or a response body; the stack trace is what its author needs, the token is not.
 */
public final class RedactedThrowable extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSES = 20;
    private final String original;

    private RedactedThrowable(String original, String message, Throwable cause) {
        super(message, cause, false, true);
        this.original = original;
    }

    /** The safe copy of {@code t}. */
    public static RedactedThrowable of(Throwable t, Redactor redactor) {
        return copy(t, redactor, 0);
    }

    private static RedactedThrowable copy(Throwable t, Redactor redactor, int depth) {
        Throwable cause = t.getCause() != null && t.getCause() != t && depth < MAX_CAUSES
                ? copy(t.getCause(), redactor, depth + 1) : null;
        // Loggers print the class of the throwable they get: the original's class leads the message.
        String name = t.getClass().getName();
        RedactedThrowable copy = new RedactedThrowable(name,
                t.getMessage() == null ? name : name + ": " + redactor.redact(t.getMessage()), cause);
        copy.setStackTrace(t.getStackTrace());
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(copy(s, redactor, depth + 1));
        }
        return copy;
    }

    /** The class of the original throwable. */
    public String originalClass() {
        return original;
    }

    /** Reads like the original: {@code java.lang.IllegalStateException: message}. */
    @Override
    public String toString() {
        return getMessage();
    }
}
