package dev.czar.testsupport;

import dev.czar.chat.ChatGateway;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory chat: keeps what czar posts and uploads, answers each post with a Slack-like ts (…000101, …000102). */
public final class RecordingGateway implements ChatGateway {
    /** One post. */
    public record Post(String channel, String threadTs, String text) {
    }

    /** One upload. */
    public record Upload(String channel, String threadTs, String filename, byte[] data, String title) {
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();

    @Override
    public synchronized Optional<String> post(String channel, String threadTs, String text) {
        posts.add(new Post(channel, threadTs, text));
        return Optional.of(String.format("1700000000.%06d", 100 + posts.size()));
    }

    @Override
    public boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
        uploads.add(new Upload(channel, threadTs, filename, data, title));
        return true;
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }
}
