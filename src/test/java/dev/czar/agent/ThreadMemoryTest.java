package dev.czar.agent;

import dev.czar.store.Database;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadMemoryTest {
    private final Database db = dev.czar.testsupport.MemoryDatabase.open();
    private final ThreadMemoryStore store = new ThreadMemoryStore(db, Clock.systemUTC());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void should_keep_only_the_latest_exchanges_within_the_token_budget() {
        // given: each exchange is about 2 x (4 + 10) estimated tokens
        ThreadMemory memory = new ThreadMemory(store, 60);
        for (int i = 1; i <= 5; i++) {
            memory.remember("C1", "T1", "question number " + i + " padded out", "answer number " + i + " padded out.");
        }
        // when
        List<ChatMessage> history = new ThreadMemory(store, 60).history("C1", "T1");
        // then
        assertThat(history).isNotEmpty().hasSizeLessThan(10);
        assertThat(((AiMessage) history.get(history.size() - 1)).text()).isEqualTo("answer number 5 padded out.");
        assertThat(history).noneMatch(m -> m instanceof UserMessage u && u.singleText().contains("number 1 "));
    }

    @Test
    void should_keep_threads_apart_and_start_fresh_outside_a_thread() {
        // given
        ThreadMemory memory = new ThreadMemory(store, 2000);
        memory.remember("C1", "T1", "about T1", "T1 answer");
        memory.remember("C1", null, "top level", "not remembered");
        // when / then
        assertThat(memory.history("C1", "T2")).isEmpty();
        assertThat(memory.history("C1", null)).isEmpty();
        assertThat(memory.history("C1", "T1")).hasSize(2);
    }
}
