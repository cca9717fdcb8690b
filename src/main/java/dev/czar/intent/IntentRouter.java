package dev.czar.intent;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies every message as exactly one {@link Intent}.
 *
 * <p>Deterministic first tier: slash-command syntax and a leading command verb mean COMMAND; greetings,
 * thanks, small talk and help mean CONVERSATION; everything else is a STATUS question. Only messages that
 * fell through to the STATUS default are offered to the {@link IntentRefiner}, and it can never create a
 * COMMAND: an instruction to change something must be explicit.
 */
public final class IntentRouter {
    /** Verbs that, leading a message, make it an instruction to change something. */
    public static final Set<String> COMMAND_VERBS = Set.of(
            "launch", "start", "spawn", "dispatch", "kill", "stop", "cancel", "abort", "assign", "reassign",
            "review", "digest", "import", "merge", "retry", "restart", "rerun", "pause", "resume", "approve",
            "reject", "confirm", "deny", "prioritize", "prioritise", "enqueue", "queue", "delete", "remove",
            "archive", "rebase", "requeue", "unblock", "post", "run");

    private static final Pattern GREETING = Pattern.compile(
            "^(hi|hello|hey|heya|hiya|yo|howdy|hallo|hola|bonjour|salut|ciao|servus|moin|good (morning|afternoon|evening|night)"
                    + "|morning|evening|gm|greetings)( there| all| team| everyone| folks| czar)?[!.,\\s]*"
                    + "(how are you( doing)?( today)?|how's it going|what's up|sup)?[?!.\\s]*$");
    private static final Pattern THANKS = Pattern.compile(
            "^(thanks?( you)?( so much| a lot| very much)?|thx|ty|tysm|cheers|much appreciated|appreciate it|great,? thanks"
                    + "|perfect,? thanks|nice,? thanks|ok(ay)?,? thanks)( czar)?[!.\\s]*$");
    private static final Pattern SMALL_TALK = Pattern.compile(
            "^(ok(ay)?|k|cool|nice|great|awesome|perfect|sounds good|got it|lol|haha+|bye|goodbye|see ya|see you|cya|"
                    + "good (bot|job)|well done|how are you( doing)?|how's it going|what's up|sup|who are you|what are you"
                    + "|are you (there|alive|a bot)|ping|yes|no|yep|nope|sure|:\\w+:)[!.?\\s]*$");
    private static final Pattern HELP = Pattern.compile(
            "^(/?help|\\?|what can you do|what do you do|how do i use (you|this|czar)|how does this work|commands"
                    + "|what commands( are there| do you (know|have|support))?|usage|/czar( help)?)[!.?\\s]*$");
    private static final Pattern QUESTION_START = Pattern.compile(
            "^(what|which|who|when|where|why|how|is|are|was|were|did|does|do|has|have|had|should|any)\\b");

    /** Emoji and other pictographs: "👋 hi" and "thanks 🙏" are still a greeting and thanks. */
    private static final Pattern SYMBOLS = Pattern.compile("[\\p{So}\\p{Sk}\\x{FE0F}\\x{200D}]");

    private final IntentRefiner refiner;
    /** Issue 24: offline step (nearest labelled examples) before the refiner; may only move STATUS to CONVERSATION. */
    private final IntentRefiner offline;

    public IntentRouter(IntentRefiner refiner) {
        this(refiner, IntentRefiner.NONE);
    }

    /** With an offline step (e.g. {@link NearestExamples}) consulted before {@code refiner}. */
    public IntentRouter(IntentRefiner refiner, IntentRefiner offline) {
        this.refiner = refiner;
        this.offline = offline;
    }

    public IntentRouter() {
        this(IntentRefiner.NONE);
    }

    /** Classifies text already passed through {@link MessageText#clean}. */
    public Intent route(String cleanedText) {
        String text = SYMBOLS.matcher(MessageText.folded(cleanedText)).replaceAll("").strip();
        if (text.isEmpty()) {
            return Intent.CONVERSATION;
        }
        if (isHelp(text) || GREETING.matcher(text).matches() || THANKS.matcher(text).matches()
                || SMALL_TALK.matcher(text).matches()) {
            return Intent.CONVERSATION;
        }
        if (isCommand(text)) {
            return Intent.COMMAND;
        }
        if (offline.refine(text, Intent.STATUS) == Intent.CONVERSATION) {
            return Intent.CONVERSATION;
        }
        Intent refined = refiner.refine(cleanedText, Intent.STATUS);
        return refined == Intent.COMMAND ? Intent.STATUS : refined;
    }

    /** Whether the message asks for help (a CONVERSATION that should list what the user can do). */
    public boolean isHelp(String cleanedText) {
        return HELP.matcher(SYMBOLS.matcher(MessageText.folded(cleanedText)).replaceAll("").strip()).matches();
    }

    /**
     * Whether the text is an explicit instruction (slash syntax or a leading command verb) as the deterministic
     * tier sees it; never consults the refiner.
     */
    public boolean isInstruction(String cleanedText) {
        String text = MessageText.folded(cleanedText);
        return !text.isEmpty() && !isHelp(text) && isCommand(text);
    }

    private static boolean isCommand(String text) {
        if (text.startsWith("/")) {
            return true;
        }
        if (QUESTION_START.matcher(text).find()) {
            return false;
        }
        String rest = MessageText.withoutPoliteness(text);
        String firstWord = rest.split("[\\s,:;!?]+", 2)[0];
        return COMMAND_VERBS.contains(firstWord);
    }
}
