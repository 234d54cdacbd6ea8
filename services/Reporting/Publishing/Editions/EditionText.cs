using System.Globalization;
using Partnership.Reporting.Editions;

namespace Partnership.Reporting.Publishing.Editions;

/// <summary>The words the edition pages use for an edition's state, its versions and its audit entries.</summary>
public static class EditionText
{
    public const string PlaceholderHelp =
        "Cite the edition's figures as {measure.field}, e.g. {crime.total_recorded.change_pct}; the fields are current, previous, change, change_pct and direction.";

    public static string Marking(EditionView view) => view.Edition.State switch
    {
        EditionState.Draft => "DRAFT: not published, figures may change",
        EditionState.SignedOff => $"SIGNED OFF by {view.Edition.SignedOffBy}, embargoed until {Iso(view.Edition.EmbargoMs)}",
        _ => $"PUBLISHED version {view.Version.ToString(CultureInfo.InvariantCulture)}",
    };

    public static string State(Edition edition) => edition.State switch
    {
        EditionState.Draft => "draft",
        EditionState.SignedOff => $"signed off, embargoed until {Iso(edition.EmbargoMs)}",
        _ => "published",
    };

    /// <summary>"Version 2, issued 2026-02-03 10:00 UTC by West Yorkshire OPCC: Leeds resubmitted".</summary>
    public static string Version(EditionVersion version)
    {
        var issued = $"Version {version.Number.ToString(CultureInfo.InvariantCulture)}, issued {Iso(version.IssuedAt.ToUnixTimeMilliseconds())} by {version.IssuedBy}";
        return version.Reason.Length > 0 ? $"{issued}: {version.Reason}" : issued;
    }

    public static string Action(EditionAction action) => action switch
    {
        EditionAction.Created => "created",
        EditionAction.Edited => "edited",
        EditionAction.SignedOff => "signed off",
        EditionAction.Published => "published",
        _ => "corrected",
    };

    /// <summary>A publication at its embargo has no caller: the clock made it.</summary>
    public static string Who(EditionAuditEntry entry) =>
        entry.Agency.Length > 0 ? $"{entry.Agency} ({entry.Subject})" : "at its embargo";

    public static string Iso(long? ms) => ms is { } at
        ? DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
        : "";
}
