package dev.czar.cli;

import dev.czar.CzarApp;
import dev.czar.UserError;
import dev.czar.mcp.CzarMcpServer;
import dev.czar.workers.McpTokens;
import io.modelcontextprotocol.server.McpSyncServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * {@code czar mcp}: the MCP server (stdio) a worker's agent starts; czar passes the command to each agent. It serves
 * only the workstream whose current token is in {@code CZAR_MCP_TOKEN}, and ends when the agent closes its stdin.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "MCP server over stdio for one worker (started by its agent; needs env CZAR_MCP_TOKEN).")
final class McpCommand implements Callable<Integer> {
    @ParentCommand
    CzarCommand parent;

    @Mixin
    GlobalOptions global = new GlobalOptions();

    @Override
    public Integer call() throws InterruptedException {
        String token = parent.env().get(McpTokens.ENV);
        if (token == null || token.isBlank()) {
            throw new UserError(McpTokens.ENV + " is not set: czar mcp serves one worker and is started by czar's"
                    + " agents with that worker's token");
        }
        try (CzarApp app = parent.start(global)) {
            McpTokens tokens = app.workers().mcpTokens();
            String self = tokens.workstreamOf(token).orElseThrow(() -> new UserError(McpTokens.ENV
                    + " is not the current token of any workstream (a newer attempt replaced it, or it is not czar's)"));
            CountDownLatch closed = new CountDownLatch(1);
            CzarMcpServer server = CzarMcpServer.of(app, tokens, token, self, app.audit(),
                    parent.clock());
            McpSyncServer running = server.serve(new EndSignalling(System.in, closed), System.out, version());
            closed.await(); // the agent closed our stdin: its session is over
            running.close();
            return 0;
        }
    }

    private static String version() {
        try {
            return new CzarCommand.Version().getVersion()[0].replaceFirst("^czar ", "");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Counts down when the stream ends, so the command returns when its client goes away. */
    private static final class EndSignalling extends FilterInputStream {
        private final CountDownLatch ended;

        EndSignalling(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return ended(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return ended(super.read(b, off, len));
        }

        private int ended(int n) {
            if (n < 0) {
                ended.countDown();
            }
            return n;
        }
    }
}
