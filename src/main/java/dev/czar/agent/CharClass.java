package dev.czar.agent;

/** The character classes of the credential formats, as in their regular-expression definitions (ASCII {@code \w}). */
enum CharClass {
    /** {@code [A-Za-z0-9]} */
    ALNUM,
    /** {@code [A-Za-z0-9-]} */
    ALNUM_DASH,
    /** {@code [A-Za-z0-9_]}, i.e. {@code \w} */
    WORD,
    /** {@code [A-Za-z0-9_-]}: base64url */
    B64URL,
    /** {@code [A-Za-z0-9/]} */
    WEBHOOK_PATH,
    /** {@code [\w.-]}: a setting's name */
    NAME,
    /** {@code [A-Z0-9_.]}: an environment variable's name */
    ENV_NAME,
    /** {@code [A-Z ]}: a PEM label */
    PEM_LABEL,
    /** {@code [a-z0-9+.-]}: a URL scheme */
    SCHEME,
    /** {@code [A-Za-z0-9._~+/=-]}: a bearer token */
    BEARER_TOKEN,
    /** {@code [A-Za-z0-9/+=]}: an AWS secret access key */
    AWS_SECRET,
    /** {@code \s} */
    SPACE,
    /** {@code [^\s:/@"'\\]}: the user part of a URL */
    URL_USER,
    /** {@code [^\s@/"'\\]}: the password part of a URL */
    URL_PASSWORD,
    /** {@code [^\s"'\\,;}{\[\]]}: an unquoted or quoted setting value */
    VALUE,
    /** {@code [^"'\s]}: the inside of a quoted literal */
    LITERAL,
    /** {@code [^\s"'$]}: an environment file's value */
    ENV_VALUE;

    boolean has(char c) {
        return switch (this) {
            case ALNUM -> isAlnum(c);
            case ALNUM_DASH -> isAlnum(c) || c == '-';
            case WORD -> isWord(c);
            case B64URL -> isWord(c) || c == '-';
            case WEBHOOK_PATH -> isAlnum(c) || c == '/';
            case NAME -> isWord(c) || c == '.' || c == '-';
            case ENV_NAME -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
            case PEM_LABEL -> (c >= 'A' && c <= 'Z') || c == ' ';
            case SCHEME -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
            case BEARER_TOKEN -> isWord(c) || c == '.' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
            case AWS_SECRET -> isAlnum(c) || c == '/' || c == '+' || c == '=';
            case SPACE -> isSpace(c);
            case URL_USER -> !isSpace(c) && c != ':' && c != '/' && c != '@' && !isQuoteOrBackslash(c);
            case URL_PASSWORD -> !isSpace(c) && c != '@' && c != '/' && !isQuoteOrBackslash(c);
            case VALUE -> !isSpace(c) && !isQuoteOrBackslash(c) && ",;{}[]".indexOf(c) < 0;
            case LITERAL -> !isSpace(c) && c != '"' && c != '\'';
            case ENV_VALUE -> !isSpace(c) && c != '"' && c != '\'' && c != '$';
        };
    }

    static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static boolean isQuote(char c) {
        return c == '"' || c == '\'';
    }

    private static boolean isQuoteOrBackslash(char c) {
        return isQuote(c) || c == '\\';
    }
}
