return await Cairn.Cli.CliApplication.RunAsync(args);
