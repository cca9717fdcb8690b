package dev.czar.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.czar.chat.Json;
import dev.czar.chat.Message;

import java.time.Instant;

/** A {@link SlackTurn} as the event ledger keeps it, so an interrupted answer can be produced after a restart. */
record StoredTurn(String text, String user, String channel, String replyTs, String questionTs, Instant at) {
    static StoredTurn of(SlackTurn turn) {
        Message m = turn.message();
        return new StoredTurn(m.text(), m.user(), turn.channel(), turn.replyTs(), turn.questionTs(), m.at());
    }

    SlackTurn turn() {
        return new SlackTurn(new Message(text, user, channel, replyTs, at), channel, replyTs, questionTs);
    }

    String json() {
        return Json.write(this);
    }

    static StoredTurn read(String json) {
        try {
            return Json.MAPPER.readValue(json, StoredTurn.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored Slack turn", e);
        }
    }
}
