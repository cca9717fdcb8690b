package dev.czar.config;

import dev.czar.UserError;

/** A configuration file or override that cannot be used; the message names the key and the fix. */
public final class ConfigException extends UserError {
    public ConfigException(String message) {
        super(message);
    }
}
