package dev.czar.digest;

import dev.czar.chat.EvidenceLog;
import dev.czar.command.CommandHandler;
import dev.czar.command.CommandRequest;
import dev.czar.command.CommandResult;
import dev.czar.command.CommandSpec;
import dev.czar.command.Role;

import java.util.List;

/** {@code /czar digest now}: the digest of what changed since this channel's last one, posted as the reply. */
public final class DigestCommand implements CommandHandler {
    public static final CommandSpec SPEC = new CommandSpec("digest", List.of(), "digest now",
            "what changed since this channel's last digest: workstreams, main, CI, conflicts, benchmarks, tokens",
            Role.OPERATOR, false);

    private final Digests digests;

    public DigestCommand(Digests digests) {
        this.digests = digests;
    }

    @Override
    public CommandResult handle(CommandRequest request, EvidenceLog log) {
        if (!request.args().isEmpty() && !request.args().equals(List.of("now"))) {
            return CommandResult.failed("usage: digest now");
        }
        String channel = request.message().channel();
        Digest digest = log.call("digest.compose", () -> digests.next(channel == null || channel.isBlank() ? "chat" : channel));
        digest.evidence().forEach(log::cite);
        return CommandResult.ok(digest.render());
    }
}
