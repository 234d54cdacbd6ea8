using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Partnership.Cli.Output;
using Partnership.Contracts;
using Partnership.Contracts.Reporting.V1;

namespace Partnership.Cli.Commands;

/// <summary>
/// <c>partnership edition create|edit|comment|sign-off|publish|correct|show|list</c>: editions of the
/// Delivery Quarterly Report. An edition signed off is published when its embargo passes; <c>publish</c>
/// lifts the embargo and publishes it now, and <c>correct</c> issues a corrected version of a published one.
/// </summary>
internal static class EditionCommand
{
    public static Command Create(CliContext context) =>
        new("edition", "Draft, sign off and read editions of the Delivery Quarterly Report (published at their embargo)")
        {
            CreateCommand(context), EditCommand(context), CommentCommand(context), SignOffCommand(context), PublishCommand(context), CorrectCommand(context), ShowCommand(context), ListCommand(context),
        };

    private static Command CreateCommand(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "The force area's code, e.g. E11000006 (West Yorkshire)", Required = true };
        var period = new Option<string>("--period") { Description = "The report's period, e.g. FY2024/25-Q3", Required = true };
        var compare = new Option<string[]>("--compare") { Description = "A comparison to hold (repeat for several; all three when none)" }
            .AcceptOnlyFromAmong([.. ReportCommand.ComparisonNames.Keys]);
        var title = new Option<string>("--title") { Description = "The edition's title", DefaultValueFactory = _ => "" };
        var notes = new Option<string>("--notes") { Description = "Notes for the approver", DefaultValueFactory = _ => "" };
        var url = CommonOptions.Url(context);
        var command = new Command("create", "Draft a new edition from the live figures (role opcc-editor)") { area, period, compare, title, notes, url };
        command.SetAction((result, cancellationToken) =>
        {
            if (!CommonOptions.TryParsePeriod(context, "--period", result.GetRequiredValue(period), out var parsed))
            {
                return Task.FromResult(ExitCodes.Rejected);
            }

            var request = new CreateEditionRequest
            {
                ForceAreaCode = result.GetRequiredValue(area).Trim(),
                Period = parsed!.Value.ToContract(),
                Title = result.GetRequiredValue(title),
                Notes = result.GetRequiredValue(notes),
            };
            request.Comparisons.AddRange((result.GetValue(compare) ?? []).Select(c => ReportCommand.ComparisonNames[c]));
            return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.CreateEditionAsync(request, options), cancellationToken);
        });
        return command;
    }

    private static Command EditCommand(CliContext context)
    {
        var id = Id();
        var title = new Option<string?>("--title") { Description = "A new title" };
        var notes = new Option<string?>("--notes") { Description = "New notes" };
        var refresh = new Option<bool>("--refresh") { Description = "Take the figures the aggregator holds now" };
        var url = CommonOptions.Url(context);
        var command = new Command("edit", "Change a draft's title or notes, or refresh its figures (role opcc-editor)") { id, title, notes, refresh, url };
        command.SetAction((result, cancellationToken) =>
        {
            var request = new EditEditionRequest { EditionId = result.GetRequiredValue(id), RefreshFigures = result.GetValue(refresh) };
            if (result.GetValue(title) is { } newTitle)
            {
                request.Title = newTitle;
            }

            if (result.GetValue(notes) is { } newNotes)
            {
                request.Notes = newNotes;
            }

            return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.EditEditionAsync(request, options), cancellationToken);
        });
        return command;
    }

    private static Command CommentCommand(CliContext context)
    {
        var id = Id();
        var measure = new Option<string?>("--measure") { Description = "The measure commented on, e.g. crime.total_recorded" };
        var section = new Option<string?>("--section") { Description = "The section (theme of the plan) commented on, e.g. safer-places" };
        var text = new Option<string>("--text")
        {
            Description = "The commentary; {crime.total_recorded.change_pct} cites a figure (fields current, previous, change, change_pct, direction; add @rolling-12-months for another comparison). Empty removes it",
            Required = true,
        };
        var url = CommonOptions.Url(context);
        var command = new Command("comment", "Write the commentary on a measure or section of a draft (role opcc-editor)") { id, measure, section, text, url };
        command.SetAction((result, cancellationToken) =>
        {
            var onMeasure = result.GetValue(measure);
            var onSection = result.GetValue(section);
            if ((onMeasure is null) == (onSection is null))
            {
                context.Error.WriteLine("Give either --measure or --section: what the commentary is on.");
                return Task.FromResult(ExitCodes.Rejected);
            }

            var request = new CommentOnEditionRequest
            {
                EditionId = result.GetRequiredValue(id),
                Kind = onMeasure is null ? CommentaryKind.Section : CommentaryKind.Measure,
                Key = (onMeasure ?? onSection)!.Trim(),
                Text = result.GetRequiredValue(text),
            };
            return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.CommentOnEditionAsync(request, options), cancellationToken);
        });
        return command;
    }

    private static Command PublishCommand(CliContext context)
    {
        var id = Id();
        var url = CommonOptions.Url(context);
        var command = new Command("publish", "Publish a signed-off edition now, lifting its embargo (role opcc-approver)") { id, url };
        command.SetAction((result, cancellationToken) =>
        {
            var request = new PublishEditionRequest { EditionId = result.GetRequiredValue(id) };
            return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.PublishEditionAsync(request, options), cancellationToken);
        });
        return command;
    }

    private static Command SignOffCommand(CliContext context)
    {
        var id = Id();
        var embargo = new Option<string>("--embargo") { Description = "When it is published, ISO 8601 with offset, e.g. 2025-02-20T09:30:00Z, or 'now'", Required = true };
        var overrideStale = new Option<string>("--override-stale") { Description = "Why it is signed off although commentary cites figures that moved (recorded in the audit trail)", DefaultValueFactory = _ => "" };
        var url = CommonOptions.Url(context);
        var command = new Command("sign-off", "Sign a draft off, frozen as it stands, to be published at the embargo (role opcc-approver)") { id, embargo, overrideStale, url };
        command.SetAction((result, cancellationToken) =>
        {
            var text = result.GetRequiredValue(embargo);
            var request = new SignOffEditionRequest { EditionId = result.GetRequiredValue(id), StaleCommentaryOverride = result.GetRequiredValue(overrideStale) };
            if (text == "now")
            {
                return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.SignOffEditionAsync(request, options), cancellationToken);
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            {
                context.Error.WriteLine($"--embargo: '{text}' is not a date and time; give ISO 8601, e.g. 2025-02-20T09:30:00Z.");
                return Task.FromResult(ExitCodes.Rejected);
            }

            request.Embargo = Timestamp.FromDateTimeOffset(at);
            return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.SignOffEditionAsync(request, options), cancellationToken);
        });
        return command;
    }

    private static Command CorrectCommand(CliContext context)
    {
        var id = Id();
        var reason = new Option<string>("--reason") { Description = "What changed and why, shown on the public page", Required = true };
        var url = CommonOptions.Url(context);
        var command = new Command("correct", "Issue a corrected version of a published edition from the live figures (role opcc-approver)") { id, reason, url };
        command.SetAction((result, cancellationToken) =>
        {
            var request = new CorrectEditionRequest { EditionId = result.GetRequiredValue(id), Reason = result.GetRequiredValue(reason) };
            return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.CorrectEditionAsync(request, options), cancellationToken);
        });
        return command;
    }

    private static Command ShowCommand(CliContext context)
    {
        var id = Id();
        var version = new Option<int>("--version") { Description = "The version to show, 1 as first published (the latest when not given)" };
        var view = new Option<string>("--view") { Description = "public (disclosure control applied) or partner (true figures)", DefaultValueFactory = _ => "public" }
            .AcceptOnlyFromAmong("public", "partner");
        var url = CommonOptions.Url(context);
        var command = new Command("show", "Show an edition and its county figures, and the figures revised since publication") { id, version, view, url };
        command.SetAction((result, cancellationToken) =>
        {
            var request = new GetEditionRequest
            {
                EditionId = result.GetRequiredValue(id),
                Version = result.GetValue(version),
                Audience = result.GetRequiredValue(view) == "partner" ? ReportAudience.Partner : ReportAudience.Public,
            };
            return CallAsync(context, result.GetRequiredValue(url), async (client, options) => await client.GetEditionAsync(request, options), cancellationToken);
        });
        return command;
    }

    private static Command ListCommand(CliContext context)
    {
        var area = new Option<string>("--area") { Description = "The force area's code", Required = true };
        var url = CommonOptions.Url(context);
        var command = new Command("list", "List a force's editions you may see, newest first") { area, url };
        command.SetAction((result, cancellationToken) => context.CallAsync(
            result.GetRequiredValue(url),
            async (channel, options) =>
            {
                var editions = await new Editions.EditionsClient(channel).ListEditionsAsync(new ListEditionsRequest { ForceAreaCode = result.GetRequiredValue(area).Trim() }, options);
                TextTable.Write(context.Out, ["id", "period", "state", "title", "embargo"], [.. editions.Editions.Select(e => new[]
                {
                    e.Id.ToString(CultureInfo.InvariantCulture), e.Period.Label, State(e.State), e.Title, Time(e.Embargo),
                })], context.Width);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Option<long> Id() => new("--id") { Description = "The edition's number", Required = true };

    private static Task<int> CallAsync(CliContext context, string url, Func<Editions.EditionsClient, Grpc.Core.CallOptions, Task<Edition>> call, CancellationToken cancellationToken) =>
        context.CallAsync(
            url,
            async (channel, options) =>
            {
                Write(context.Out, await call(new Editions.EditionsClient(channel), options));
                return ExitCodes.Success;
            },
            cancellationToken);

    private static void Write(TextWriter output, Edition edition)
    {
        output.WriteLine($"Edition {edition.Id}: {edition.ForceAreaCode} {edition.Period.Label}, {State(edition.State)}");
        output.WriteLine($"Title: {edition.Title}");
        if (edition.Notes.Length > 0)
        {
            output.WriteLine($"Notes: {edition.Notes}");
        }

        output.WriteLine($"Created {Time(edition.CreatedAt)} by {edition.CreatedBy}; figures taken {Time(edition.FiguresTakenAt)}");
        if (edition.SignedOffAt is not null)
        {
            output.WriteLine($"Signed off {Time(edition.SignedOffAt)} by {edition.SignedOffBy}; embargo {Time(edition.Embargo)}");
        }

        if (edition.PublishedAt is not null)
        {
            output.WriteLine($"Published {Time(edition.PublishedAt)}");
        }

        foreach (var commentary in edition.Commentary)
        {
            var on = commentary.Kind == CommentaryKind.Section ? "section" : "measure";
            output.WriteLine($"Commentary on {on} {commentary.Key}: {commentary.Rendered}");
            foreach (var stale in commentary.Stale)
            {
                output.WriteLine($"  STALE: {{{stale.Placeholder}}} was {stale.Cited}, now {stale.Now}");
            }
        }

        foreach (var note in edition.PartnerNotes)
        {
            output.WriteLine($"Partners' note on {note.MeasureId} (suggestion): {note.Note}");
        }

        if (edition.Versions.Count > 0)
        {
            output.WriteLine($"Version {edition.Version} of {edition.LatestVersion}");
            TextTable.Write(output, ["version", "issued", "by", "reason"], [.. edition.Versions.Select(v => new[]
            {
                v.Number.ToString(CultureInfo.InvariantCulture), Time(v.IssuedAt), v.IssuedBy, v.Reason,
            })]);
        }

        if (edition.Report is { } report)
        {
            var comparison = report.Comparisons.FirstOrDefault();
            var rows = report.Themes.SelectMany(t => t.Objectives).SelectMany(o => o.Measures).Select(m =>
            {
                var figures = m.County?.Comparisons.FirstOrDefault(c => c.Comparison == comparison);
                return new[] { m.MeasureId, Figure(figures?.Current, m), Figure(figures?.Previous, m) };
            }).ToList();
            TextTable.Write(output, ["measure", "current", "previous"], rows);
        }

        if (edition.RevisedSincePublication.Count > 0)
        {
            output.WriteLine("Revised since publication:");
            TextTable.Write(output, ["measure", "area", "window", "published", "revised"], [.. edition.RevisedSincePublication.Select(f => new[]
            {
                f.MeasureId, f.AreaName, f.Window.Label, f.Published, f.Revised,
            })]);
        }
    }

    private static string Figure(ReportCell? cell, ReportMeasure measure) =>
        cell?.Withheld == true ? "*" : FigureFormat.Display(cell?.Value?.ToDecimal(), measure.Measure?.Unit ?? "count");

    private static string State(EditionState state) => state switch
    {
        EditionState.Draft => "draft",
        EditionState.SignedOff => "signed off (under embargo)",
        EditionState.Published => "published",
        _ => "unknown",
    };

    private static string Time(Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
