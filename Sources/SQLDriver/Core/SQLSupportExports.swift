// `SQLDialect` and `SQLScript` live in SQLSupport so that the generator can share them without linking
// libsqlite3 or libpq; re-exporting keeps `import SQLDriver` the only import callers need.
@_exported import SQLSupport
