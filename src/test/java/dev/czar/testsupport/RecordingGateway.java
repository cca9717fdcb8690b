package dev.czar.testsupport;

import dev.czar.chat.Answer;
import dev.czar.chat.ChatGateway;
import dev.czar.chat.ChatService;
import dev.czar.chat.Message;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-memory chat, as Errbot's test backend: push a message and pop czar's reply, and read back what czar posted,
 * updated and uploaded. By default each post is answered with a Slack-like ts (…000101, …000102); a test may answer
 * posts itself (another ts, or empty for a chat that refuses).
 */
public final class RecordingGateway implements ChatGateway {
    /** One post. */
    public record Post(String channel, String threadTs, String text) {
    }

    /** One update of an earlier post. */
    public record Update(String channel, String messageTs, String text) {
    }

    /** One upload. */
    public record Upload(String channel, String threadTs, String filename, byte[] data, String title) {
    }

    /** One reply, with the message it answers. */
    public record Reply(Message question, Answer answer) {
    }

    private final ChatService chat;
    private final Function<Post, Optional<String>> postAnswer;
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final ArrayDeque<Reply> replies = new ArrayDeque<>();

    /** A chat that only records what czar sends. */
    public RecordingGateway() {
        this(null, null);
    }

    /** A chat whose posts are answered by {@code postAnswer} (the new message's ts, or empty when refused). */
    public RecordingGateway(Function<Post, Optional<String>> postAnswer) {
        this(null, postAnswer);
    }

    /** A chat whose pushed messages go through {@code chat}, as a front door's would. */
    public RecordingGateway(ChatService chat) {
        this(chat, null);
    }

    private RecordingGateway(ChatService chat, Function<Post, Optional<String>> postAnswer) {
        this.chat = chat;
        this.postAnswer = postAnswer != null ? postAnswer
                : post -> Optional.of(String.format("1700000000.%06d", 100 + posts.size()));
    }

    /** Receives {@code text} from {@code user} in {@code channel}/{@code thread}; the answer it got. */
    public Answer push(String text, String user, String channel, String thread) {
        if (chat == null) {
            throw new IllegalStateException("this gateway was built without a ChatService to receive with");
        }
        return receive(chat, new Message(text, user, channel, thread, Instant.now()));
    }

    /** The oldest reply not yet popped. */
    public synchronized Reply popReply() {
        Reply reply = replies.poll();
        if (reply == null) {
            throw new IllegalStateException("czar has not replied");
        }
        return reply;
    }

    @Override
    public synchronized void reply(Message question, Answer answer) {
        replies.add(new Reply(question, answer));
    }

    @Override
    public synchronized Optional<String> post(String channel, String threadTs, String text) {
        Post post = new Post(channel, threadTs, text);
        posts.add(post);
        return postAnswer.apply(post);
    }

    @Override
    public boolean update(String channel, String messageTs, String text) {
        updates.add(new Update(channel, messageTs, text));
        return true;
    }

    @Override
    public boolean upload(String channel, String threadTs, String filename, byte[] data, String title) {
        uploads.add(new Upload(channel, threadTs, filename, data, title));
        return true;
    }

    public List<Post> posts() {
        return List.copyOf(posts);
    }

    public List<Update> updates() {
        return List.copyOf(updates);
    }

    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }
}
