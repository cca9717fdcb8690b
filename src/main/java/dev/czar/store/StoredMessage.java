package dev.czar.store;

import java.time.Instant;

/** A message as recorded; {@code answeredAt} is null while (or if) its answer never completed. */
public record StoredMessage(long id, String user, String text, String intent, String answer,
                            Instant receivedAt, Instant answeredAt) {
}
