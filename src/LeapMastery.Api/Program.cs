using LeapMastery.Api;

var app = LeapMasteryApp.Build(args);
await app.RunAsync();

/// <summary>Entry point; public so that WebApplicationFactory can host the real pipeline in tests.</summary>
public partial class Program;
