package dev.czar.store;

import dev.czar.UserError;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The two passwords of one home's database, random per home and kept in the owner-only file
 * {@code <home>/db/credentials}: the owner ({@value #OWNER}, an H2 admin, used only to migrate) and czar's own
 * connections ({@value #APP}, plain data rights). Every czar process on the home reads the same file; the first
 * one creates it. Anyone who can read it can open the database, so it is never logged or copied elsewhere.
 */
public record DatabaseCredentials(String ownerPassword, String appPassword) {
    /** The admin user; the name every home has had since the first release, so old databases keep it. */
    public static final String OWNER = "CZAR";
    /** The user of czar's own connections: no admin rights, so no file functions, aliases or linked tables. */
    public static final String APP = "CZAR_APP";
    static final String FILE_NAME = "credentials";
    private static final Pattern PASSWORD = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public DatabaseCredentials {
        // the passwords end up in DDL (H2 does not take parameters there): hex only, by construction and by check
        if (!PASSWORD.matcher(ownerPassword).matches() || !PASSWORD.matcher(appPassword).matches()) {
            throw new IllegalArgumentException("database passwords must be 64 lowercase hex digits");
        }
    }

    /** Fresh random passwords, 256 bits each. */
    public static DatabaseCredentials random() {
        return new DatabaseCredentials(randomHex(), randomHex());
    }

    /** Reads {@code <dbDir>/credentials}, creating it first if it does not exist; tightens it to {@code 0600}. */
    public static DatabaseCredentials of(Path dbDir) {
        Path file = dbDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            PrivateFiles.tighten(file);
            return parse(file, Files.readString(file));
        } catch (IOException e) {
            throw new UserError("cannot read the database credential " + file + ": " + e.getMessage()
                    + " (it must be readable by the account running czar)", e);
        }
    }

    /** Writes aside then links into place, so that two processes starting together agree on one credential. */
    private static void create(Path file) throws IOException {
        DatabaseCredentials fresh = random();
        Path draft = file.resolveSibling(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(draft);
        PrivateFiles.writeNew(draft, "# czar's database passwords for this home; keep this file private\n"
                + "owner=" + fresh.ownerPassword + "\napp=" + fresh.appPassword + "\n");
        try {
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException lost) {
            // another process created it first: use theirs
        } catch (UnsupportedOperationException noLinks) {
            Files.move(draft, file);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static DatabaseCredentials parse(Path file, String text) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(text));
        try {
            return new DatabaseCredentials(props.getProperty("owner", ""), props.getProperty("app", ""));
        } catch (IllegalArgumentException e) {
            throw new UserError("the database credential " + file + " is damaged (" + e.getMessage()
                    + "); restore it from a backup of the home", e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[hidden]"; // never print the passwords, even in a debug log
    }
}
