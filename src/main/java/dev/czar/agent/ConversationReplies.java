package dev.czar.agent;

import dev.czar.chat.Answer;
import dev.czar.intent.MessageText;

import java.util.regex.Pattern;

/** Friendly offline replies for greetings, thanks and help; they say what czar can do and touch no tool. */
final class ConversationReplies {
    static final String CAPABILITIES = String.join("\n",
            "I supervise the branches of this repository and answer from git evidence. Try:",
            "  • status of <branch>            where a branch stands against main",
            "  • what changed on <branch>      its diffstat against main (git diff main..<branch>)",
            "  • recent commits on <branch>",
            "  • is <branch> merged?",
            "  • which branches are ahead of main?",
            "  • what landed today?            (also: yesterday, this week, last 3 days)",
            "Every answer lists the commits it was built from.");

    private static final Pattern THANKS = Pattern.compile("\\b(thanks?|thx|ty|tysm|cheers|appreciate)\\b");
    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|heya|hiya|yo|howdy|hallo|hola|bonjour|salut|ciao|servus|moin|good (morning|afternoon|evening)|morning|evening|gm|greetings)\\b");
    private static final Pattern FAREWELL = Pattern.compile("^(bye|goodbye|see ya|see you|cya|good night)\\b");

    private ConversationReplies() {
    }

    static Answer reply(String cleanedText) {
        String text = MessageText.folded(cleanedText);
        if (THANKS.matcher(text).find()) {
            return Answer.conversation("You're welcome. Ask me about any branch whenever you need to.");
        }
        if (FAREWELL.matcher(text).find()) {
            return Answer.conversation("Bye! I'll keep an eye on the branches.");
        }
        if (GREETING.matcher(text).find()) {
            return Answer.conversation("Hi! I'm czar. " + CAPABILITIES);
        }
        if (text.isEmpty() || text.contains("help") || text.contains("what can you") || text.contains("command")
                || text.contains("who are you") || text.contains("what are you") || text.startsWith("how")
                || text.equals("?") || text.startsWith("/czar")) {
            return Answer.conversation(CAPABILITIES);
        }
        return Answer.conversation("Noted. " + CAPABILITIES.lines().findFirst().orElse(""));
    }
}
