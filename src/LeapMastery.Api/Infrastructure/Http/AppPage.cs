using Microsoft.Extensions.FileProviders;

namespace LeapMastery.Api.Infrastructure.Http;

/// <summary>
/// Serves the read-only page at <c>/app</c> (built from clients/app into wwwroot/app, copied beside the binaries). It is
/// static: it signs in and reads through the public API like any other client. Served with a strict content security
/// policy (its own scripts and styles only, no inline code, no other origin).
/// </summary>
public static class AppPage
{
    public const string Path = "/app";

    public static WebApplication UseAppPage(this WebApplication app)
    {
        var root = System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "app");
        if (!Directory.Exists(root)) return app;
        var files = new PhysicalFileProvider(root);
        // /app → /app/, so the page's relative asset paths resolve (a middleware, not an endpoint: routing ignores the slash).
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value == Path)
            {
                context.Response.Redirect(Path + "/" + context.Request.QueryString);
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // index.html names the hashed assets: it must not be cached; the assets may be, for good.
                headers.CacheControl = context.File.Name.EndsWith(".html", StringComparison.Ordinal) ? "no-cache" : "public, max-age=31536000, immutable";
            },
        });
        return app;
    }
}
