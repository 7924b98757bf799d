import DatabaseTestSupport
import Foundation
import Testing

@testable import SQLDriver

@Suite("SQL script splitting")
struct SQLScriptTests {
    @Test("semicolons in quotes, identifiers and comments do not split")
    func quotedSemicolons() {
        let script = """
            -- leading; comment
            INSERT INTO t VALUES ('a;b', 'it''s; fine'); /* block; comment */
            SELECT "odd;name" FROM t;
            """
        let statements = SQLScript.split(script, dialect: .sqlite)
        #expect(statements.map(\.sql) == ["INSERT INTO t VALUES ('a;b', 'it''s; fine')", #"SELECT "odd;name" FROM t"#])
        #expect(statements.map(\.line) == [2, 3])
    }

    @Test("PostgreSQL dollar-quoted bodies, tagged or not, stay whole")
    func dollarQuotes() {
        let script = """
            CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; RETURN 1; END; $$;
            CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $body$ SELECT 'x;$$;y' $body$;
            SELECT $1::int;
            """
        let statements = SQLScript.split(script, dialect: .postgres)
        #expect(statements.count == 3)
        #expect(statements[0].sql.hasSuffix("END; $$"))
        #expect(statements[1].sql.hasSuffix("$body$"))
        #expect(statements[2].sql == "SELECT $1::int")
    }

    @Test("an SQLite trigger ends at its END, even with CASE … END inside")
    func sqliteTriggers() {
        let script = """
            CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW BEGIN
              SELECT CASE WHEN OLD.a <> NEW.a THEN RAISE(ABORT, 'no; never') END;
              UPDATE y SET n = n + 1;
            END;
            CREATE TEMP TRIGGER u AFTER DELETE ON x BEGIN DELETE FROM y; END;
            SELECT 1;
            """
        let statements = SQLScript.split(script, dialect: .sqlite)
        #expect(statements.count == 3)
        #expect(statements[0].sql.hasSuffix("END"))
        #expect(statements[1].sql.hasPrefix("CREATE TEMP TRIGGER u"))
        #expect(statements.map(\.line) == [1, 5, 6])
    }

    @Test("on PostgreSQL a parameter named begin opens no body; BEGIN ATOMIC does")
    func postgresBeginIsNotReserved() {
        let script = """
            CREATE FUNCTION f(begin timestamptz) RETURNS timestamptz LANGUAGE sql AS $$ SELECT begin $$;
            CREATE TABLE a (x bigint);
            CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN true THEN 1 END; SELECT 2; END;
            CREATE TABLE b (x bigint);
            """
        let statements = SQLScript.split(script, dialect: .postgres)
        #expect(statements.count == 4)
        #expect(statements.map(\.line) == [1, 2, 3, 4])
    }

    @Test("E-strings with backslash escapes and nested block comments on PostgreSQL")
    func postgresEscapes() {
        let script = "SELECT E'it\\'s; here'; /* outer /* inner; */ still; */ SELECT 2"
        let statements = SQLScript.split(script, dialect: .postgres)
        // The nested comment is skipped whole (a flat scan would split at "still;"), and a comment
        // leading a statement is not part of it.
        #expect(statements.map(\.sql) == ["SELECT E'it\\'s; here'", "SELECT 2"])
    }

    @Test("blank and comment-only text holds no statement")
    func blankText() {
        #expect(SQLScript.isBlank("  \n -- only a comment; \n /* and; this */ ;; "))
        #expect(!SQLScript.isBlank("SELECT 1"))
    }
}

@Suite("Checksums and time")
struct ChecksumAndTimeTests {
    @Test("SHA-256 matches the standard test vectors")
    func sha256Vectors() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc".utf8) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("HMAC-SHA256 matches RFC 4231's test cases")
    func hmacVectors() {
        let key20 = [UInt8](repeating: 0x0b, count: 20)
        #expect(SHA256.hexText(SHA256.hmac(key: key20, message: Array("Hi There".utf8)))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(SHA256.hexText(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // A key longer than the block is hashed first (test case 6).
        let key131 = [UInt8](repeating: 0xaa, count: 131)
        #expect(SHA256.hexText(SHA256.hmac(
            key: key131, message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("timestamps convert to whole microseconds and back exactly, from 1800 to 2200")
    func timestampConversion() {
        // A Date is a Double of seconds since 2001: whole microseconds are exact within about ±285 years.
        for micros: Int64 in [0, 1, -1, 1_763_700_000_123_456, -5_364_662_400_000_001, 7_258_118_399_999_999] {
            #expect(Timestamps.unixMicros(Timestamps.date(unixMicros: micros)) == micros)
        }
        #expect(Timestamps.unixMicros(Date(timeIntervalSince1970: .infinity)) == nil)
    }

    @Test("UUID text is canonical lowercase")
    func uuidText() throws {
        let uuid = try #require(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        #expect(uuid.lowercaseText == "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
    }
}
