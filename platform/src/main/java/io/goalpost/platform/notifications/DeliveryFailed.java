package io.goalpost.platform.notifications;

/** A message a channel did not take, with the reason in words (never a secret or a webhook's path). */
public final class DeliveryFailed extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryFailed(String message) {
        super(message, null, false, false);
    }
}
