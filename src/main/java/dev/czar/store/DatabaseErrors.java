package dev.czar.store;

import dev.czar.UserError;
import org.h2.api.ErrorCode;

import java.net.SocketTimeoutException;
import java.sql.SQLException;

/** Turns H2's failures to open the state database into one line that says what happened and what to do. */
final class DatabaseErrors {
    private DatabaseErrors() {
    }

    static UserError translate(String url, DatabaseHome files, SQLException e) {
        String where = files == null ? url : files.file().toString();
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new UserError("the czar state in " + where + " is in use by another czar process"
                    + " (stop it, or pick another state dir with --home)", e);
        }
        if (timedOut(e)) {
            return new UserError("the czar process sharing " + where + " did not answer in time (stopped or hung?):"
                    + " resume or end it, then retry", e);
        }
        if (files != null && (e.getErrorCode() == ErrorCode.FILE_CORRUPTED_1 || e.getErrorCode() == ErrorCode.FILE_VERSION_ERROR_1
                || e.getErrorCode() == ErrorCode.GENERAL_ERROR_1 && String.valueOf(e.getMessage()).contains("corrupt"))) {
            return new UserError("the czar database " + where + " is damaged: " + files.recovery(), e);
        }
        if (files != null && e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
            return new UserError("the czar database " + where + " refused this home's credential "
                    + files.dir().resolve(DatabaseCredentials.FILE_NAME) + ": restore the credential saved with it", e);
        }
        return new UserError("cannot open the czar database (" + where + "): "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }

    /** H2 reports a read timeout as a broken connection; the socket's timeout is further down the causes. */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
