package dev.czar.config;

/**
 * All settings, grouped by concern. Every group has safe defaults, so {@code CzarConfig.defaults()} runs the
 * bot fully offline: no LLM, no Slack, no GitHub, no schedules. {@code config/czar.yaml} documents each key.
 */
public record CzarConfig(
        GitConfig git,
        ChatConfig chat,
        AccessConfig access,
        LlmConfig llm,
        SlackConfig slack,
        CiConfig ci,
        DigestConfig digest,
        ReviewConfig review,
        WorkersConfig workers,
        BenchConfig bench,
        DashboardConfig dashboard,
        UnderstandingConfig understanding,
        McpConfig mcp,
        StoreConfig store) {

    public CzarConfig {
        git = git != null ? git : new GitConfig(null, null);
        chat = chat != null ? chat : new ChatConfig(null, null);
        access = access != null ? access : new AccessConfig(null, null, null);
        llm = llm != null ? llm : new LlmConfig(null, null, null, null);
        slack = slack != null ? slack : new SlackConfig(null);
        ci = ci != null ? ci : new CiConfig(null);
        digest = digest != null ? digest : new DigestConfig(null, null, null, null);
        review = review != null ? review : new ReviewConfig(null, null, null, null);
        bench = bench != null ? bench : new BenchConfig(null, null);
        workers = workers != null ? workers : new WorkersConfig(null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        dashboard = dashboard != null ? dashboard : new DashboardConfig(null, null, null, null); // issue 8
        understanding = understanding != null ? understanding : new UnderstandingConfig(null, null, null, null); // issue 24
        mcp = mcp != null ? mcp : new McpConfig(null, null, null, null); // issue 21
        store = store != null ? store : new StoreConfig(null); // issue 23
    }

    public static CzarConfig defaults() {
        return new CzarConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
