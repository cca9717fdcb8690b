package dev.czar.command;

import dev.czar.chat.EvidenceLog;

/**
 * One command on its way through the pipeline's filters.
 *
 * @param request   what was asked, parsed once by the front door or {@link CommandParser}
 * @param spec      the command it names: role, whether it is destructive
 * @param handler   the code that carries it out once every filter let it through
 * @param log       evidence the handler cites
 * @param confirmer how this front door gets a destructive command confirmed
 */
public record CommandCall(CommandRequest request, CommandSpec spec, CommandHandler handler, EvidenceLog log,
                          Confirmer confirmer) {
}
