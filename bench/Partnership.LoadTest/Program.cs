using Partnership.LoadTest;
using Partnership.Testing;

// Bounded load on the local host; exits non-zero unless every accepted return is in the report exactly once.
var options = LoadOptions.Parse(args);
await using var postgres = options.Postgres ? await PostgresServer.StartAsync() : null;
using var store = postgres is null ? TestStore.Sqlite() : TestStore.Postgres(postgres);
var result = await LoadRun.RunAsync(options, store, Console.Out);
Console.WriteLine(result);
return result.Passed ? 0 : 1;
