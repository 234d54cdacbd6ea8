using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Partnership.Security;

namespace Partnership.ServiceDefaults;

/// <summary>The sign-in pages: small, server-rendered forms with labels, usable by keyboard and on a phone.</summary>
public static class BrowserSignInPages
{
    private static readonly HtmlEncoder Encode = HtmlEncoder.Default;

    /// <summary>The local host's development sign-in: pick an agency, areas and roles, as <c>partnership token</c> does.</summary>
    public static string DevelopmentSignIn(string returnUrl, AntiforgeryTokenSet antiforgery, IReadOnlyList<string> problems)
    {
        var page = Start("Development sign-in");
        page.Append("<h1>Development sign-in</h1><p>The local run trusts anyone: pick who you act for. A deployment signs you in at its identity provider instead.</p>");
        if (problems.Count > 0)
        {
            page.Append("<ul id=\"problems\" role=\"alert\">");
            foreach (var problem in problems)
            {
                page.Append("<li>").Append(Encode.Encode(problem)).Append("</li>");
            }

            page.Append("</ul>");
        }

        page.Append("<form method=\"post\" action=\"").Append(BrowserSignIn.SignInPath).Append("\">")
            .Append(Hidden(antiforgery))
            .Append("<input type=\"hidden\" name=\"returnUrl\" value=\"").Append(Encode.Encode(returnUrl)).Append("\">")
            .Append("<p><label for=\"agency\">Agency</label><input id=\"agency\" name=\"agency\" required value=\"West Yorkshire OPCC\"></p>")
            .Append("<p><label for=\"areas\">Areas (GSS codes, separated by spaces)</label><input id=\"areas\" name=\"areas\" value=\"E23000010\"></p>")
            .Append("<fieldset><legend>Roles</legend>");
        foreach (var role in Roles.All)
        {
            page.Append("<p><input type=\"checkbox\" name=\"roles\" id=\"role-").Append(role).Append("\" value=\"").Append(role).Append("\">")
                .Append("<label for=\"role-").Append(role).Append("\">").Append(role).Append("</label></p>");
        }

        page.Append("</fieldset><p><button type=\"submit\">Sign in</button></p></form>");
        return End(page);
    }

    /// <summary>Who is signed in, with the way out.</summary>
    public static string Session(Caller caller, AntiforgeryTokenSet antiforgery)
    {
        var page = Start("Signed in");
        page.Append("<h1>Signed in</h1><dl>")
            .Append("<dt>Agency</dt><dd id=\"agency\">").Append(Encode.Encode(caller.Agency)).Append("</dd>")
            .Append("<dt>Areas</dt><dd id=\"areas\">").Append(Encode.Encode(string.Join(" ", caller.Areas.Order(StringComparer.Ordinal)))).Append("</dd>")
            .Append("<dt>Roles</dt><dd id=\"roles\">").Append(Encode.Encode(string.Join(" ", caller.Roles.Order(StringComparer.Ordinal)))).Append("</dd></dl>")
            .Append("<p><a href=\"/?view=partner\">The partner view of the Delivery Quarterly Report</a></p>")
            .Append("<form method=\"post\" action=\"").Append(BrowserSignIn.SignOutPath).Append("\">").Append(Hidden(antiforgery))
            .Append("<button type=\"submit\">Sign out</button></form>");
        return End(page);
    }

    private static string Hidden(AntiforgeryTokenSet antiforgery) =>
        $"<input type=\"hidden\" name=\"{Encode.Encode(antiforgery.FormFieldName)}\" value=\"{Encode.Encode(antiforgery.RequestToken ?? "")}\">";

    private static StringBuilder Start(string title) =>
        new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(Encode.Encode(title)).Append(": Partnership Data Exchange</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;color:#111;line-height:1.5}")
            .Append("label{display:block;font-weight:600}input[type=checkbox]+label{display:inline;font-weight:400;margin-left:.4rem}")
            .Append("input:not([type]),input[type=text]{width:100%;padding:.5rem;font-size:1rem;border:1px solid #555}")
            .Append("button{padding:.6rem 1.2rem;font-size:1rem;background:#1b4f8a;color:#fff;border:0}:focus{outline:3px solid #d4a000}")
            .Append("#problems{color:#8a1c1c}")
            .Append("</style></head><body><main>");

    private static string End(StringBuilder page) => page.Append("</main></body></html>").ToString();
}
