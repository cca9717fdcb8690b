package dev.czar.command;

/** What a user may do, each role including the ones below it. */
public enum Role {
    VIEWER,
    OPERATOR,
    ADMIN;

    public boolean covers(Role required) {
        return compareTo(required) >= 0;
    }
}
