package io.goalpost.platform.sync;

import io.goalpost.plugin.api.PostSnapshot;

/** The excerpt of a post's text the host keeps: untrusted plugin text made storable and bounded. */
public final class PostText {

    private PostText() {
    }

    /**
     * The first {@link PostSnapshot#TEXT_EXCERPT_LENGTH} characters of {@code text}, with control characters
     * other than line breaks and tabs removed (PostgreSQL rejects NUL in text, and the others only garble
     * a page), or null when nothing is left. A surrogate pair is never cut in half.
     */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), PostSnapshot.TEXT_EXCERPT_LENGTH));
        for (int i = 0; i < text.length() && b.length() < PostSnapshot.TEXT_EXCERPT_LENGTH; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isISOControl(cp) && cp != '\n' && cp != '\t') {
                continue;
            }
            if (b.length() + Character.charCount(cp) > PostSnapshot.TEXT_EXCERPT_LENGTH) {
                break;
            }
            b.appendCodePoint(cp);
        }
        String s = b.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
