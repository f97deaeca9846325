using Cairn.Samples.BrowserUpload;

await UploadServer.Build(args).RunAsync();
