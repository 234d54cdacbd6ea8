using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Partnership.Reporting.Publishing;

/// <summary>Where the aggregator finds Chromium to print PDFs (<c>Reporting:Pdf</c>).</summary>
public sealed class PdfOptions
{
    /// <summary>The Chromium (or Chrome) executable. Unset: the first of chromium, chromium-browser, google-chrome on the PATH.</summary>
    public string? Chromium { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}

/// <summary>Why no PDF could be made: the endpoint answers 503 with this message.</summary>
public sealed class PdfUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints a page to PDF with headless Chromium, from the page's own print stylesheet (its header and
/// footer are CSS page margin boxes, so Chromium's own are turned off). Each print gets a fresh
/// profile directory, so two at once do not share a browser.
/// </summary>
public sealed class ChromiumPdf(IOptions<PdfOptions> options)
{
    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The executable to run, or null when there is none.</summary>
    public string? Executable
    {
        get
        {
            if (options.Value.Chromium is { Length: > 0 } configured)
            {
                return File.Exists(configured) ? configured : null;
            }

            var path = Environment.GetEnvironmentVariable("PATH") ?? "";
            return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(dir => Candidates.Select(name => Path.Combine(dir, name)))
                .FirstOrDefault(File.Exists);
        }
    }

    /// <summary>Why no PDF can be printed, or null when Chromium is there.</summary>
    public string? Unavailable => Executable is not null ? null
        : options.Value.Chromium is { Length: > 0 } configured
            ? $"PDF export needs Chromium, and Reporting:Pdf:Chromium names '{configured}', which does not exist."
            : "PDF export needs Chromium: install it (chromium on the PATH) or set Reporting:Pdf:Chromium to its path.";

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var chromium = Executable ?? throw new PdfUnavailableException(Unavailable!);
        var work = Directory.CreateTempSubdirectory("partnership-pdf-");
        try
        {
            var page = Path.Combine(work.FullName, "report.html");
            var pdf = Path.Combine(work.FullName, "report.pdf");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var start = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", $"--user-data-dir={Path.Combine(work.FullName, "profile")}", "--no-pdf-header-footer", $"--print-to-pdf={pdf}",
                    new Uri(page).AbsoluteUri,
                ])
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new PdfUnavailableException($"Chromium ('{chromium}') did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new PdfUnavailableException($"Chromium did not print the report within {options.Value.Timeout.TotalSeconds:0} s.");
            }

            await Task.WhenAll(output, errors);
            if (process.ExitCode != 0 || !File.Exists(pdf))
            {
                throw new PdfUnavailableException($"Chromium could not print the report (exit code {process.ExitCode}): {LastLine(await errors)}");
            }

            return await File.ReadAllBytesAsync(pdf, cancellationToken);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string LastLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
