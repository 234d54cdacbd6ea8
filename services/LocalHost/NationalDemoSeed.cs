using Microsoft.EntityFrameworkCore;
using Partnership.Domain;
using Partnership.Reporting.Comparisons;
using Partnership.Reporting.ReadModel;
using Partnership.Storage;

namespace Partnership.LocalHost;

/// <summary>
/// National figures for West Yorkshire, its most similar group and England and Wales for the demo's
/// last year (Data/national-figures.demo.csv: approximate, for the demo, and its publication says so),
/// through the same importer an operator's file takes, so the report shows the comparison with other forces.
/// </summary>
public sealed partial class NationalDemoSeed(ReportingDbContext db, MeasureCatalogue catalogue, PoliceForces forces, TimeProvider clock, ILogger<NationalDemoSeed> logger) : IDemoSeed
{
    private const string Resource = "Partnership.LocalHost.Data.national-figures.demo.csv";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await SchemaMigrator.MigrateAsync(db, cancellationToken);
        if (await db.NationalFigures.AnyAsync(cancellationToken))
        {
            return;
        }

        await using var stream = typeof(NationalDemoSeed).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The demo's national figures ({Resource}) are missing from the build.");
        using var reader = new StreamReader(stream);
        var rows = NationalFiguresCsv.Read(reader, catalogue, forces);
        await new NationalFigureStore(db, clock).ImportAsync(rows, cancellationToken);
        LogSeeded(logger, rows.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Figures} approximate national figures for West Yorkshire's most similar group")]
    private static partial void LogSeeded(ILogger logger, int figures);
}
