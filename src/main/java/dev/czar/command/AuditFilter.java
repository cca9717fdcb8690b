package dev.czar.command;

import dev.czar.chat.Message;
import dev.czar.store.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every outcome of every command: refused, awaiting confirmation, failed, ok, and an unexpected error in the
 * handler, which it turns into a {@code failed} result carrying the error so a front door can still report it.
 */
final class AuditFilter implements CommandFilter {
    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final AuditLog audit;

    AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public CommandResult apply(CommandCall call, Chain next) {
        CommandResult result;
        try {
            result = next.proceed(call);
        } catch (RuntimeException e) {
            LOG.error("command {} failed", call.request().verb(), e);
            result = CommandResult.error("'" + call.spec().name() + "' failed: " + e.getMessage(), e);
        }
        record(call.request(), result);
        return result;
    }

    /** Records a request that never reached the filters (a verb this build does not have). */
    void record(CommandRequest request, CommandResult result) {
        Message m = request.message();
        audit.record(m.user(), m.channel(), request.verb(), request.argumentText(), result.outcome(),
                result.outcome().equals("ok") ? null : result.detail());
    }
}
