using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Partnership.Reporting.Editions;

namespace Partnership.Reporting.Publishing;

/// <summary>
/// The editor's and approver's pages: a force's editions with a form to start a draft, and one
/// edition with its report, its commentary forms, and the sign-off, publish and correct forms. Every
/// form carries the session's antiforgery token; what a caller may do is decided by
/// <see cref="EditionBook"/>, whose refusals the pages show at the top.
/// </summary>
public static class EditionPages
{
    public const string PlaceholderHelp =
        "Cite the edition's figures as {measure.field}, e.g. {crime.total_recorded.change_pct}; the fields are current, previous, change, change_pct and direction.";

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string List(string forceCode, string forceName, IReadOnlyList<Edition> editions, AntiforgeryTokenSet tokens, string? problem)
    {
        var page = Open($"Editions: {forceName}", problem);
        page.Append("<table id=\"editions\"><thead><tr><th>Edition</th><th>Period</th><th>Title</th><th>State</th></tr></thead><tbody>");
        foreach (var edition in editions)
        {
            page.Append("<tr data-edition=\"").Append(edition.Id.ToString(CultureInfo.InvariantCulture)).Append("\"><td><a href=\"/editions/")
                .Append(edition.Id.ToString(CultureInfo.InvariantCulture)).Append("\">").Append(edition.Id.ToString(CultureInfo.InvariantCulture)).Append("</a></td><td>")
                .Append(E(edition.PeriodLabel)).Append("</td><td>").Append(E(edition.Title)).Append("</td><td>").Append(E(StateText(edition))).Append("</td></tr>");
        }

        page.Append("</tbody></table>");
        if (editions.Count == 0)
        {
            page.Append("<p id=\"no-editions\">").Append(E($"{forceName} has no edition you may see yet.")).Append("</p>");
        }

        page.Append("<h2>New draft</h2>");
        Form(page, $"/editions?area={Uri.EscapeDataString(forceCode)}", "create", tokens)
            .Append("<label>Period <input name=\"period\" required placeholder=\"FY2024/25-Q3\"></label> ")
            .Append("<label>Title <input name=\"title\" required maxlength=\"").Append(Edition.MaxText.ToString(CultureInfo.InvariantCulture)).Append("\"></label> ")
            .Append("<button type=\"submit\">Create draft</button></form>");
        return Close(page);
    }

    public static string Show(EditionView view, AntiforgeryTokenSet tokens, string? problem)
    {
        var edition = view.Edition;
        var id = edition.Id.ToString(CultureInfo.InvariantCulture);
        var report = view.Report;
        var page = Open($"{edition.Title}: {report.Force.Name}, {edition.PeriodLabel}", problem);
        page.Append("<p id=\"state\" class=\"state ").Append(E(edition.State.ToString().ToLowerInvariant())).Append("\">").Append(E(Marking(view))).Append("</p>")
            .Append("<p><a href=\"/editions?area=").Append(E(Uri.EscapeDataString(edition.ForceAreaCode))).Append("\">All editions of ").Append(E(report.Force.Name)).Append("</a></p>");
        if (view.RevisedSincePublication.Count > 0)
        {
            page.Append("<section id=\"revised\"><h2>Revised since publication</h2><ul>");
            foreach (var figure in view.RevisedSincePublication)
            {
                page.Append("<li>").Append(E(figure.Describe())).Append("</li>");
            }

            page.Append("</ul></section>");
        }

        if (report.Comparisons.Count > 0)
        {
            LayoutHtml.Summary(page, SummaryLayout.Of(report, report.Comparisons[0]));
        }

        var draft = edition.State == EditionState.Draft;
        page.Append("<section id=\"commentary\"><h2>Commentary</h2>");
        if (draft)
        {
            page.Append("<p class=\"help\">").Append(E(PlaceholderHelp)).Append("</p>");
            Form(page, $"/editions/{id}/refresh", "refresh", tokens).Append("<button type=\"submit\">Refresh figures</button></form>");
        }

        foreach (var theme in report.Themes)
        {
            page.Append("<h3>").Append(E(theme.Name)).Append("</h3>");
            Commentary(page, view, id, CommentaryKind.Section, theme.Id, $"Section: {theme.Name}", draft, tokens);
            foreach (var measure in theme.Objectives.SelectMany(o => o.Measures))
            {
                Commentary(page, view, id, CommentaryKind.Measure, measure.Id, measure.Plan.Label, draft, tokens);
            }
        }

        page.Append("</section><section id=\"actions\">");
        switch (edition.State)
        {
            case EditionState.Draft:
                page.Append("<h2>Sign off</h2>");
                Form(page, $"/editions/{id}/sign-off", "sign-off", tokens)
                    .Append("<label>Embargo (UTC; empty: now) <input type=\"datetime-local\" name=\"embargo\"></label> ")
                    .Append("<label>Stale commentary override (why it stands) <input name=\"override\"></label> ")
                    .Append("<button type=\"submit\">Sign off</button></form>");
                break;
            case EditionState.SignedOff:
                page.Append("<h2>Publish</h2>");
                Form(page, $"/editions/{id}/publish", "publish", tokens).Append("<button type=\"submit\">Publish now</button></form>");
                break;
            default:
                page.Append("<h2>Correct</h2>");
                Form(page, $"/editions/{id}/correct", "correct", tokens)
                    .Append("<label>Reason <input name=\"reason\" required></label> <button type=\"submit\">Issue corrected version</button></form>");
                break;
        }

        page.Append("</section>");
        return Close(page);
    }

    /// <summary>A page for a refusal with nothing else to show (an edition the caller may not read).</summary>
    public static string Problem(string title, string problem) => Close(Open(title, problem));

    public static string Marking(EditionView view) => view.Edition.State switch
    {
        EditionState.Draft => "DRAFT: not published, figures may change",
        EditionState.SignedOff => $"SIGNED OFF by {view.Edition.SignedOffBy}, embargoed until {Iso(view.Edition.EmbargoMs)}",
        _ => $"PUBLISHED version {view.Version.ToString(CultureInfo.InvariantCulture)}",
    };

    private static void Commentary(StringBuilder page, EditionView view, string id, CommentaryKind kind, string key, string label, bool draft, AntiforgeryTokenSet tokens)
    {
        var written = view.Commentary.FirstOrDefault(c => c.Kind == kind && c.Key == key);
        var slug = kind == CommentaryKind.Section ? "section" : "measure";
        page.Append("<div class=\"comment\" data-kind=\"").Append(slug).Append("\" data-key=\"").Append(E(key)).Append("\"><h4>").Append(E(label)).Append("</h4>");
        if (written is not null)
        {
            page.Append("<p class=\"rendered\">").Append(E(written.Rendered)).Append("</p><p class=\"by\">").Append(E($"written by {written.WrittenBy}")).Append("</p>");
            if (written.Stale.Count > 0)
            {
                page.Append("<ul class=\"stale\">");
                foreach (var figure in written.Stale)
                {
                    page.Append("<li>").Append(E($"Stale: {{{figure.Placeholder}}} was {figure.Cited}, now {figure.Now}")).Append("</li>");
                }

                page.Append("</ul>");
            }
        }

        if (kind == CommentaryKind.Measure && view.PartnerNotes.FirstOrDefault(n => n.MeasureId == key) is { } note)
        {
            page.Append("<p class=\"suggestion\">").Append(E($"Partners' note (a suggestion): {note.Note}")).Append("</p>");
        }

        if (draft)
        {
            Form(page, $"/editions/{id}/commentary", "comment", tokens)
                .Append("<input type=\"hidden\" name=\"kind\" value=\"").Append(slug).Append("\"><input type=\"hidden\" name=\"key\" value=\"").Append(E(key)).Append("\">")
                .Append("<textarea name=\"text\" rows=\"2\" cols=\"80\" aria-label=\"").Append(E($"Commentary on {label}")).Append("\">").Append(E(written?.Text ?? "")).Append("</textarea> ")
                .Append("<button type=\"submit\">Save</button></form>");
        }

        page.Append("</div>");
    }

    private static string StateText(Edition edition) => edition.State switch
    {
        EditionState.Draft => "draft",
        EditionState.SignedOff => $"signed off, embargoed until {Iso(edition.EmbargoMs)}",
        _ => "published",
    };

    private static StringBuilder Open(string title, string? problem)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body><h1>")
            .Append(E(title)).Append("</h1>");
        if (problem is not null)
        {
            page.Append("<p id=\"problem\" role=\"alert\">").Append(E(problem)).Append("</p>");
        }

        return page;
    }

    private static string Close(StringBuilder page) => page.Append("</body></html>").ToString();

    private static StringBuilder Form(StringBuilder page, string action, string name, AntiforgeryTokenSet tokens) =>
        page.Append("<form method=\"post\" class=\"").Append(name).Append("\" action=\"").Append(E(action)).Append("\"><input type=\"hidden\" name=\"")
            .Append(E(tokens.FormFieldName)).Append("\" value=\"").Append(E(tokens.RequestToken ?? "")).Append("\">");

    private static string Iso(long? ms) => ms is { } at
        ? DateTimeOffset.FromUnixTimeMilliseconds(at).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
        : "";

    private static string E(string text) => Html.Encode(text);

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 1.5rem; }
        #problem { background: #fde2e1; border: 1px solid #d1495b; padding: .5rem; }
        .state { font-weight: bold; font-size: 1.2rem; }
        .state.draft { color: #a15c00; } .state.signedoff { color: #1b6ca8; } .state.published { color: #2e7d32; }
        .stale { color: #b00020; } .suggestion { color: #555; font-style: italic; } .help { color: #444; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: .2rem .4rem; } .num { text-align: right; }
        """;
}
