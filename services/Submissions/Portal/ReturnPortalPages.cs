using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Partnership.Security;

namespace Partnership.Submissions.Portal;

/// <summary>
/// The portal's pages: small server-rendered forms with labels, usable by keyboard and on a phone,
/// every value encoded. Problems are a table a screen reader reads cell by cell.
/// </summary>
public static class ReturnPortalPages
{
    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;

    /// <summary>The services the signed-in partner can submit to, with their templates and upload.</summary>
    public static string Index(Caller caller, IReadOnlyList<ServiceIdentity> services)
    {
        var page = Start("Partner portal");
        page.Append("<h1>Partner portal</h1><p>Signed in for ").Append(Encode.Encode(caller.Agency)).Append(". <a href=\"/signin\">Your session</a></p>");
        var yours = services.Where(s => caller.IsInRole(s.SubmitterRole)).ToList();
        if (yours.Count == 0)
        {
            page.Append("<p id=\"no-services\">Your sign-in holds no role that submits returns. Ask your administrator for one.</p>");
        }

        page.Append("<ul id=\"services\">");
        foreach (var service in yours)
        {
            var path = ReturnPortal.PathOf(service);
            page.Append("<li><strong>").Append(Encode.Encode(service.Name)).Append("</strong>: ")
                .Append(Link(path + "/upload", "upload a return")).Append(", template as ")
                .Append(Link(path + "/template.xlsx", "Excel")).Append(" or ").Append(Link(path + "/template.csv", "CSV")).Append("</li>");
        }

        page.Append("</ul>");
        return End(page);
    }

    /// <summary>The upload form, with what became of the last upload above it.</summary>
    public static string Upload(ServiceIdentity service, Caller caller, AntiforgeryTokenSet antiforgery, UploadOutcome? outcome)
    {
        var path = ReturnPortal.PathOf(service);
        var page = Start($"Upload a {service.Name} return");
        page.Append("<p><a href=\"").Append(ReturnPortal.Root).Append("\">Partner portal</a></p>")
            .Append("<h1>Upload a ").Append(Encode.Encode(service.Name)).Append(" return</h1>");
        if (outcome is { Accepted: { } accepted, Return: { } stored })
        {
            page.Append("<div id=\"accepted\" role=\"status\"><p>Stored ").Append(Encode.Encode(outcome.FileName ?? "the return"))
                .Append(" as revision <strong id=\"revision\">").Append(accepted.Revision.ToString(CultureInfo.InvariantCulture)).Append("</strong> of ")
                .Append(Encode.Encode(stored.AreaCode)).Append(' ').Append(Encode.Encode(stored.Period.Label)).Append(", ")
                .Append(accepted.ObservationCount.ToString(CultureInfo.InvariantCulture)).Append(" figures.</p></div>");
        }
        else if (outcome is { Problems.Count: > 0 })
        {
            page.Append("<div id=\"problems\" role=\"alert\"><p>Nothing was stored: ").Append(Encode.Encode(outcome.FileName ?? "the upload"))
                .Append(" has ").Append(outcome.Problems.Count.ToString(CultureInfo.InvariantCulture)).Append(outcome.Problems.Count == 1 ? " problem" : " problems")
                .Append(". Fix them all and upload it again.</p><table><thead><tr><th scope=\"col\">Where</th><th scope=\"col\">Field</th><th scope=\"col\">Problem</th></tr></thead><tbody>");
            foreach (var problem in outcome.Problems)
            {
                var where = problem.Cell ?? (problem.Line > 0 ? $"line {problem.Line.ToString(CultureInfo.InvariantCulture)}" : "the file");
                page.Append("<tr><td>").Append(Encode.Encode(where)).Append("</td><td>").Append(Encode.Encode(problem.Column ?? ""))
                    .Append("</td><td>").Append(Encode.Encode(problem.Message)).Append("</td></tr>");
            }

            page.Append("</tbody></table></div>");
        }

        page.Append("<p>Start from your template: ").Append(Link(path + "/template.xlsx", "Excel")).Append(" or ").Append(Link(path + "/template.csv", "CSV")).Append(".</p>")
            .Append("<form method=\"post\" enctype=\"multipart/form-data\" action=\"").Append(path).Append("/upload\">")
            .Append("<input type=\"hidden\" name=\"").Append(Encode.Encode(antiforgery.FormFieldName)).Append("\" value=\"").Append(Encode.Encode(antiforgery.RequestToken ?? "")).Append("\">")
            .Append("<p><label for=\"area\">Area</label><select id=\"area\" name=\"area\"><option value=\"\">The area the file names</option>");
        foreach (var area in caller.Areas.Order(StringComparer.Ordinal))
        {
            page.Append("<option>").Append(Encode.Encode(area)).Append("</option>");
        }

        page.Append("</select></p>")
            .Append("<p><label for=\"period\">Period (optional; e.g. FY2024/25-Q2, else the file's)</label><input id=\"period\" name=\"period\" type=\"text\"></p>")
            .Append("<p><label for=\"file\">Return (CSV or Excel workbook)</label><input id=\"file\" name=\"file\" type=\"file\" required accept=\".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></p>")
            .Append("<p><button type=\"submit\">Upload</button></p></form>");
        return End(page);
    }

    private static string Link(string href, string text) => $"<a href=\"{Encode.Encode(href)}\">{Encode.Encode(text)}</a>";

    private static StringBuilder Start(string title) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(Encode.Encode(title)).Append(": Partnership Data Exchange</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:48rem;margin:1rem auto;padding:0 1rem;color:#111;line-height:1.5}")
            .Append("label{display:block;font-weight:600}input,select{width:100%;padding:.5rem;font-size:1rem;border:1px solid #555;box-sizing:border-box}")
            .Append("button{padding:.6rem 1.2rem;font-size:1rem;background:#1b4f8a;color:#fff;border:0}:focus{outline:3px solid #d4a000}a{color:#1b4f8a}")
            .Append("table{border-collapse:collapse;width:100%;display:block;overflow-x:auto}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}")
            .Append("#problems{color:#8a1c1c}#accepted{color:#1d5e2a}")
            .Append("</style></head><body><main>");

    private static string End(StringBuilder page) => page.Append("</main></body></html>").ToString();
}
