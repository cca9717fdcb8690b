package dev.czar.agent;

import dev.czar.store.Upsert;
import dev.czar.store.Database;
import dev.czar.store.StoreException;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

/** Conversation memory per channel+thread in H2, so a thread's context survives a restart. */
final class ThreadMemoryStore implements ChatMemoryStore {
    private final Database db;
    private final Clock clock;

    ThreadMemoryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    static String key(String channel, String thread) {
        return channel + "/" + (thread == null ? "" : thread);
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("SELECT messages_json FROM llm_memory WHERE memory_id = ?")) {
            st.setString(1, memoryId.toString());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? ChatMessageDeserializer.messagesFromJson(rs.getString(1)) : List.of();
            }
        } catch (SQLException e) {
            throw new StoreException("reading conversation memory", e);
        }
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        try (Connection c = db.connection()) {
            Upsert.into("llm_memory").key("memory_id", memoryId.toString())
                    .set("messages_json", ChatMessageSerializer.messagesToJson(messages))
                    .set("updated_at", Timestamp.from(clock.instant())).write(c);
        } catch (SQLException e) {
            throw new StoreException("saving conversation memory", e);
        }
    }

    @Override
    public void deleteMessages(Object memoryId) {
        try (Connection c = db.connection();
             PreparedStatement st = c.prepareStatement("DELETE FROM llm_memory WHERE memory_id = ?")) {
            st.setString(1, memoryId.toString());
            st.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("deleting conversation memory", e);
        }
    }
}
