package dev.czar.config;

import java.util.List;

/**
 * Who may run commands. User ids are chat user ids (Slack {@code U…} ids); {@code *} matches everyone.
 * The local console and CLI user gets {@code localRole}, since whoever runs the process owns the machine.
 *
 * @param admins   users who may run every command, destructive ones included
 * @param operators users who may run non-destructive commands (launch, review, digest)
 * @param localRole role of the person at the console: {@code admin}, {@code operator} or {@code viewer}
 */
public record AccessConfig(List<String> admins, List<String> operators, String localRole) {
    public AccessConfig {
        admins = admins != null ? List.copyOf(admins) : List.of();
        operators = operators != null ? List.copyOf(operators) : List.of();
        localRole = localRole != null && !localRole.isBlank() ? localRole.strip() : "admin";
    }
}
