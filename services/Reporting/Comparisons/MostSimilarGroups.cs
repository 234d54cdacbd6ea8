using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Partnership.Reporting.Comparisons;

/// <summary>A peer in a force's most similar group; <paramref name="Verified"/> is false until checked against a published table.</summary>
public sealed record MsgPeer(string Code, bool Verified);

/// <summary>A force's most similar group on a date: the force and its peers (the force is not among <see cref="Peers"/>).</summary>
public sealed record MostSimilarGroup(string ForceCode, IReadOnlyList<MsgPeer> Peers)
{
    public bool Verified => Peers.All(p => p.Verified);
}

/// <summary>
/// The most similar groups, effective-dated, as data (Data/most-similar-groups.csv; what is uncertain
/// is in its notes file). Keyed by police force area codes.
/// </summary>
public sealed class MostSimilarGroups
{
    private const string Resource = "Partnership.Reporting.Data.most-similar-groups.csv";

    private readonly IReadOnlyList<Row> _rows;

    private MostSimilarGroups(IReadOnlyList<Row> rows) => _rows = rows;

    private sealed record Row(string Force, string Peer, DateOnly? From, DateOnly? To, bool Verified)
    {
        public bool IsEffectiveOn(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);
    }

    public IEnumerable<string> Forces => _rows.Select(r => r.Force).Distinct();

    /// <summary>The force's group on <paramref name="on"/>, or null when none is held for that date.</summary>
    public MostSimilarGroup? For(string forceCode, DateOnly on)
    {
        var peers = _rows.Where(r => r.Force == forceCode && r.IsEffectiveOn(on)).Select(r => new MsgPeer(r.Peer, r.Verified)).ToList();
        return peers.Count == 0 ? null : new MostSimilarGroup(forceCode, peers);
    }

    public static MostSimilarGroups LoadBuiltIn()
    {
        using var stream = typeof(MostSimilarGroups).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The built-in most similar groups ({Resource}) are missing from the build.");
        using var reader = new StreamReader(stream);
        return Read(reader, "built-in most-similar-groups.csv");
    }

    public static MostSimilarGroups Read(TextReader reader, string source)
    {
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        var rows = new List<Row>();
        var problems = new List<string>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var force = csv.GetField("force_code") ?? "";
            var peer = csv.GetField("peer_code") ?? "";
            var membership = csv.GetField("membership") ?? "";
            if (!IsForceCode(force) || !IsForceCode(peer) || force == peer)
            {
                problems.Add($"line {line}: force_code and peer_code must be two different police force area codes (E23/W15), not '{force}' and '{peer}'");
            }

            if (membership is not ("confirmed" or "unverified"))
            {
                problems.Add($"line {line}, membership: must be confirmed or unverified, not '{membership}'");
            }

            rows.Add(new Row(force, peer, Date(csv.GetField("from")), Date(csv.GetField("to")), membership == "confirmed"));
        }

        return problems.Count > 0
            ? throw new InvalidDataException($"{source} is not a usable table of most similar groups: {string.Join("; ", problems)}.")
            : new MostSimilarGroups(rows);
    }

    public static bool IsForceCode(string code) => code.Length == 9 && (code.StartsWith("E23", StringComparison.Ordinal) || code.StartsWith("W15", StringComparison.Ordinal));

    private static DateOnly? Date(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
