package dev.czar.command;

import dev.czar.chat.Message;
import dev.czar.intent.MessageText;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a COMMAND message into verb and arguments. Accepts {@code /czar launch x …}, {@code /launch x …}
 * and plain {@code please launch x …}; the argument text after the verb is kept verbatim.
 */
public final class CommandParser {
    private static final Pattern SLASH = Pattern.compile("^(/czar\\s+|/)", Pattern.CASE_INSENSITIVE);

    private CommandParser() {
    }

    public static CommandRequest parse(Message message) {
        String text = MessageText.withoutPoliteness(SLASH.matcher(MessageText.clean(message.text())).replaceFirst("")).strip();
        String[] verbAndRest = text.split("\\s+", 2);
        String verb = verbAndRest[0].toLowerCase(Locale.ROOT).replaceAll("[,:;!?.]+$", "");
        String argumentText = verbAndRest.length > 1 ? verbAndRest[1].strip() : "";
        List<String> args = argumentText.isEmpty() ? List.of() : Arrays.asList(argumentText.split("\\s+"));
        return new CommandRequest(verb, args, argumentText, message);
    }
}
