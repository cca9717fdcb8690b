package dev.czar.digest;

import java.util.Optional;

/** Where scheduled digests go: the Slack front door's poster in {@code czar serve}, a list in tests. */
public interface DigestPoster {
    /** Posts text, in {@code threadTs}'s thread when given; returns the new message's ts when the chat has one. */
    Optional<String> post(String channel, String threadTs, String text);

    /** Uploads a PNG into a thread; returns whether it was shared. Posters without file support share nothing. */
    default boolean upload(String channel, String threadTs, String filename, byte[] png, String title) {
        return false;
    }
}
