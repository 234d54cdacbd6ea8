using Partnership.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error, CliOptions.ForConsole());
