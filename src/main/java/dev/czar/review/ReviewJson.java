package dev.czar.review;

import dev.czar.chat.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code czar review --json} contract: {@code verdict}, {@code findings} ({@code personas, severity, title,
 * file, line, mitigation}), {@code checklist}, {@code failed_personas}, plus context fields after them.
 */
public final class ReviewJson {
    private ReviewJson() {
    }

    public static String write(ReviewReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", report.verdict());
        out.put("findings", report.findings().stream().map(ReviewJson::finding).toList());
        out.put("checklist", report.checklist());
        out.put("failed_personas", report.failedPersonas());
        out.put("verdict_line", report.verdictLine());
        out.put("target", report.target());
        out.put("review_id", report.id());
        out.put("mode", report.mode());
        out.put("cached", report.cached());
        out.put("input_hash", report.inputHash());
        out.put("personas", report.personas().stream().map(ReviewJson::persona).toList());
        out.put("persona_problems", report.personaProblems());
        out.put("persona_replacements", report.personaReplacements().stream().map(ReviewJson::replacement).toList());
        return Json.write(out);
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("personas", f.personas());
        out.put("severity", f.severity().label());
        out.put("title", f.title());
        out.put("file", f.file());
        out.put("line", f.line());
        out.put("mitigation", f.mitigation());
        return out;
    }

    private static Map<String, Object> replacement(PersonaReplacement r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("persona", r.persona());
        out.put("path", r.path());
        out.put("offline_rules", r.offlineRules());
        out.put("shipped_offline_rules", r.shippedOfflineRules());
        out.put("weaker", r.weaker());
        return out;
    }

    private static Map<String, Object> persona(PersonaOutcome o) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", o.persona());
        out.put("status", o.status());
        out.put("reason", o.reason());
        out.put("confidence", o.confidence());
        out.put("questions", o.questions() == null ? List.of() : o.questions());
        return out;
    }
}
