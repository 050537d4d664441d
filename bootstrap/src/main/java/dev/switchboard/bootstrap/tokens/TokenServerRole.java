package dev.switchboard.bootstrap.tokens;

import dev.switchboard.bootstrap.Cli;
import dev.switchboard.bootstrap.Console;
import dev.switchboard.bootstrap.Role;
import dev.switchboard.bootstrap.ServerOptions;
import dev.switchboard.bootstrap.ServerRuntime;
import dev.switchboard.bootstrap.UsageException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code token-server}: the tokens service alone, printing its tables on stdout. */
public final class TokenServerRole implements Role {

    public static final int DEFAULT_PORT = 9000;

    @Override
    public String name() {
        return "token-server";
    }

    @Override
    public String summary() {
        return "the tokens server (JSON lines; one handler per token, tables on stdout)";
    }

    @Override
    public Options options() {
        Options options = TokenOptions.addTo(new Options(), true)
                .addOption(Cli.opt("a", "addr", "ADDR", "address to bind [127.0.0.1]"))
                .addOption(Cli.opt("p", "port", "N", "port to bind, 0 = any free port [" + DEFAULT_PORT + "]"));
        return ServerOptions.addTo(options, 0);
    }

    @Override
    public int run(CommandLine line, Console console) throws UsageException, Exception {
        TokenOptions tokens = TokenOptions.from(line);
        String addr = Cli.host(line, "addr", "127.0.0.1");
        int port = Cli.port(line, "port", DEFAULT_PORT);
        ServerOptions common = ServerOptions.from(line, 0);
        return ServerRuntime.run(common, console, runtime -> TokensAssembly.install(runtime, addr, port, tokens, console.out()));
    }
}
