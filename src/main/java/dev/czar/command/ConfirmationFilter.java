package dev.czar.command;

/** Destructive commands run only once the front door's {@link Confirmer} says they were confirmed. */
final class ConfirmationFilter implements CommandFilter {
    @Override
    public CommandResult apply(CommandCall call, Chain next) {
        if (!call.spec().destructive()) {
            return next.proceed(call);
        }
        return call.confirmer().confirm(call.request(), call.spec()).orElseGet(() -> next.proceed(call));
    }
}
