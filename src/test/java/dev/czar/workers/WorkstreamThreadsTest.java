package dev.czar.workers;

import dev.czar.chat.Message;
import dev.czar.store.Database;
import dev.czar.testsupport.MemoryDatabase;
import dev.czar.testsupport.RecordingGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.czar.workers.WorkstreamState.NEEDS_INPUT;
import static dev.czar.workers.WorkstreamState.QUEUED;
import static dev.czar.workers.WorkstreamState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

/** Which thread message is an answer for which waiting worker, and where notices go, on a real H2 store. */
class WorkstreamThreadsTest {
    private final Database db = MemoryDatabase.open();
    private final WorkstreamStore store = new WorkstreamStore(db, Clock.systemUTC());
    private final WorkstreamThreads threads = new WorkstreamThreads(store);

    @AfterEach
    void close() {
        db.close();
    }

    private void workstream(String name, String thread, WorkstreamState state) {
        store.create(new WorkstreamStore.NewWorkstream(name, "task", 0, null, "U1", "C1", thread), QUEUED, "launched");
        if (state != QUEUED) {
            store.transition(name, QUEUED, RUNNING, "test", "started");
            if (state == NEEDS_INPUT) {
                store.transition(name, RUNNING, NEEDS_INPUT, "test", "asks: ok? [y/n]");
            }
        }
    }

    private Optional<String> command(String thread, String text) {
        return threads.commandFor(new Message(text, "U2", "C1", thread, Instant.now()));
    }

    @Test
    void should_turn_a_message_in_a_waiting_workers_thread_into_its_reply_command_and_leave_other_threads_as_chat() {
        workstream("asker", "T1", NEEDS_INPUT);
        workstream("busy", "T2", RUNNING);

        assertThat(command("T1", "yes, go ahead")).contains("reply asker yes, go ahead");
        assertThat(command("T1", "kill asker")).as("an answer whatever its words").contains("reply asker kill asker");
        assertThat(command("T1", "/czar workers")).as("an explicit command stays a command").isEmpty();
        assertThat(command("T2", "y")).as("not waiting").isEmpty();
        assertThat(command("T9", "y")).as("no workstream's thread").isEmpty();
    }

    @Test
    void should_need_the_name_when_several_workers_of_one_thread_wait() {
        workstream("left", "T1", NEEDS_INPUT);
        workstream("right", "T1", NEEDS_INPUT);

        assertThat(command("T1", "y")).isEmpty();
        assertThat(command("T1", "right: y")).contains("reply right y");
        assertThat(command("T1", "left n")).contains("reply left n");
    }

    @Test
    void should_make_the_first_notice_of_a_workstream_without_thread_its_thread() {
        workstream("slash", null, RUNNING);
        List<String> posts = new ArrayList<>();
        WorkerNotices notices = threads.notices(new RecordingGateway(post -> {
            posts.add(post.channel() + "/" + post.threadTs() + " " + post.text());
            return Optional.of("17000000.00000" + posts.size());
        }), (ws, text) -> posts.add("log " + text));

        notices.tell(store.find("slash").orElseThrow(), "is waiting for an answer");
        notices.tell(store.find("slash").orElseThrow(), "DONE");

        assertThat(posts).containsExactly("C1/null slash: is waiting for an answer", "C1/17000000.000001 slash: DONE");
        assertThat(store.find("slash").orElseThrow().thread()).isEqualTo("17000000.000001");
    }
}
