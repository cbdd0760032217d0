using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MannRl.Tests.Reports;

/// <summary>
/// Opens a page in a real headless Chromium (Debian's <c>chromium</c>) and reads back, over the DevTools protocol,
/// whether it loaded, what it logged as errors, and the state of every image (decoded size and whether its pixels
/// vary), optionally with a full-page screenshot.
/// </summary>
public static partial class HeadlessChromium
{
    /// <summary>Environment variable that makes a missing Chromium a test failure (set by <c>.ci/run</c>).</summary>
    public const string RequireVariable = "MANNRL_REQUIRE_CHROMIUM";

    private static readonly TimeSpan Timeout = TestTimeouts.Hang;

    /// <summary>The browser's path on PATH, or null.</summary>
    public static string? Find()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var path = Path.Combine(dir, name);
                if (File.Exists(path)) return path;
            }
        }
        return null;
    }

    /// <summary>What the browser saw of one image.</summary>
    /// <param name="Alt">Its alt text.</param>
    /// <param name="Complete">Loaded and decoded.</param>
    /// <param name="Width">Decoded width in pixels (0 when broken).</param>
    /// <param name="Height">Decoded height.</param>
    /// <param name="Colours">Distinct colours among up to 4,096 sampled pixels (1 = blank).</param>
    public sealed record ImageState(string Alt, bool Complete, int Width, int Height, int Colours);

    /// <summary>What the page did.</summary>
    /// <param name="Loaded">The load event fired and the document is complete.</param>
    /// <param name="Title">The document's title.</param>
    /// <param name="Errors">Console errors, uncaught exceptions and error log entries.</param>
    /// <param name="Images">Every img element, in document order.</param>
    public sealed record PageState(bool Loaded, string Title, IReadOnlyList<string> Errors, IReadOnlyList<ImageState> Images);

    /// <summary>Loads <paramref name="htmlFile"/>; writes a full-page PNG to <paramref name="screenshot"/> when given.</summary>
    public static PageState Open(string browser, string htmlFile, string? screenshot = null) =>
        OpenAsync(browser, htmlFile, screenshot).GetAwaiter().GetResult();

    private const string ImagesScript = """
        (async () => {
          const out = [];
          for (const img of Array.from(document.images)) {
            try { await img.decode(); } catch (e) { }
            let colours = 0;
            if (img.complete && img.naturalWidth > 0) {
              const c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              const g = c.getContext('2d');
              g.drawImage(img, 0, 0);
              const d = g.getImageData(0, 0, c.width, c.height).data;
              const seen = new Set();
              const n = c.width * c.height, step = Math.max(1, Math.floor(n / 4096));
              for (let p = 0; p < n; p += step) seen.add((d[4*p] << 24) | (d[4*p+1] << 16) | (d[4*p+2] << 8) | d[4*p+3]);
              colours = seen.size;
            }
            out.push({ alt: img.alt, complete: img.complete, width: img.naturalWidth, height: img.naturalHeight, colours });
          }
          return JSON.stringify({ ready: document.readyState, title: document.title, images: out });
        })()
        """;

    private static async Task<PageState> OpenAsync(string browser, string htmlFile, string? screenshot)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        var profile = Directory.CreateTempSubdirectory("mannrl-chromium-");
        var psi = new ProcessStartInfo(browser) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--remote-debugging-port=0", "--window-size=1300,900", $"--user-data-dir={profile.FullName}", "about:blank" })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        try
        {
            var endpoint = await DevToolsEndpoint(process, cancel.Token);
            using var http = new HttpClient();
            var targets = JsonNode.Parse(await http.GetStringAsync($"http://{endpoint}/json/list", cancel.Token))!.AsArray();
            var page = targets.First(t => (string?)t!["type"] == "page")!;
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), cancel.Token);
            var session = new Session(socket);
            var reader = session.ReadLoop(cancel.Token);

            await session.Call("Runtime.enable", null, cancel.Token);
            await session.Call("Log.enable", null, cancel.Token);
            await session.Call("Page.enable", null, cancel.Token);
            var loaded = session.WaitForEvent("Page.loadEventFired");
            await session.Call("Page.navigate", new JsonObject { ["url"] = new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri }, cancel.Token);
            bool didLoad = await Task.WhenAny(loaded, Task.Delay(Timeout / 2, cancel.Token)) == loaded;

            var result = await session.Call("Runtime.evaluate", new JsonObject
            {
                ["expression"] = ImagesScript,
                ["awaitPromise"] = true,
                ["returnByValue"] = true,
            }, cancel.Token);
            var value = JsonNode.Parse((string)result["result"]!["value"]!)!;
            var images = value["images"]!.AsArray().Select(i => new ImageState((string)i!["alt"]!, (bool)i["complete"]!,
                (int)i["width"]!, (int)i["height"]!, (int)i["colours"]!)).ToArray();

            if (screenshot is not null)
            {
                var metrics = await session.Call("Page.getLayoutMetrics", null, cancel.Token);
                var size = metrics["cssContentSize"] ?? metrics["contentSize"]!;
                var shot = await session.Call("Page.captureScreenshot", new JsonObject
                {
                    ["format"] = "png",
                    ["captureBeyondViewport"] = true,
                    ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = (double)size!["width"]!, ["height"] = (double)size["height"]!, ["scale"] = 1 },
                }, cancel.Token);
                File.WriteAllBytes(screenshot, Convert.FromBase64String((string)shot["data"]!));
            }
            try { await session.Call("Browser.close", null, cancel.Token); } catch (WebSocketException) { } // the browser may hang up first
            bool complete = (string?)value["ready"] == "complete";
            return new PageState(didLoad && complete, (string?)value["title"] ?? "", session.Errors.ToArray(), images);
        }
        finally
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(10))) process.Kill(entireProcessTree: true);
            try { profile.Delete(recursive: true); } catch (IOException) { } // the browser may still be writing its profile
        }
    }

    [GeneratedRegex(@"DevTools listening on ws://([^/\s]+)/")]
    private static partial Regex ListeningLine();

    private static async Task<string> DevToolsEndpoint(Process process, CancellationToken cancel)
    {
        var seen = new StringBuilder();
        _ = process.StandardOutput.ReadToEndAsync(cancel);
        while (await process.StandardError.ReadLineAsync(cancel) is { } line)
        {
            seen.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } m)
            {
                _ = Drain(process.StandardError, cancel);
                return m.Groups[1].Value;
            }
        }
        throw new InvalidOperationException($"chromium exited before opening its DevTools port (exit {(process.HasExited ? process.ExitCode : -1)}):\n{seen}");
    }

    private static async Task Drain(StreamReader reader, CancellationToken cancel)
    {
        try { while (await reader.ReadLineAsync(cancel) is not null) { } }
        catch (OperationCanceledException) { }
    }

    /// <summary>One DevTools connection: numbered calls and their replies, events collected as they come.</summary>
    private sealed class Session(ClientWebSocket socket)
    {
        private readonly Dictionary<int, TaskCompletionSource<JsonNode>> _pending = [];
        private readonly Dictionary<string, TaskCompletionSource> _events = [];
        private readonly object _gate = new();
        private int _next;

        public List<string> Errors { get; } = [];

        public async Task<JsonNode> Call(string method, JsonObject? parameters, CancellationToken cancel)
        {
            var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
            int id;
            lock (_gate)
            {
                id = ++_next;
                _pending[id] = reply;
            }
            var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancel);
            using (cancel.Register(() => reply.TrySetCanceled()))
            {
                var answer = await reply.Task;
                if (answer["error"] is { } error) throw new InvalidOperationException($"DevTools {method} failed: {error.ToJsonString()}");
                return answer["result"]!;
            }
        }

        public Task WaitForEvent(string method)
        {
            lock (_gate)
            {
                if (!_events.TryGetValue(method, out var e)) _events[method] = e = new(TaskCreationOptions.RunContinuationsAsynchronously);
                return e.Task;
            }
        }

        public async Task ReadLoop(CancellationToken cancel)
        {
            var buffer = new byte[1 << 16];
            var message = new MemoryStream();
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var r = await socket.ReceiveAsync(buffer, cancel);
                    if (r.MessageType == WebSocketMessageType.Close) break;
                    message.Write(buffer, 0, r.Count);
                    if (!r.EndOfMessage) continue;
                    var node = JsonNode.Parse(message.ToArray())!;
                    message.SetLength(0);
                    Dispatch(node);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        }

        private void Dispatch(JsonNode node)
        {
            lock (_gate)
            {
                if (node["id"] is { } idNode)
                {
                    if (_pending.Remove((int)idNode, out var reply)) reply.TrySetResult(node);
                    return;
                }
                string method = (string?)node["method"] ?? "";
                var p = node["params"];
                switch (method)
                {
                    case "Runtime.consoleAPICalled" when (string?)p!["type"] is "error" or "assert":
                        Errors.Add("console: " + p["args"]!.ToJsonString());
                        break;
                    case "Runtime.exceptionThrown":
                        Errors.Add("exception: " + p!["exceptionDetails"]!.ToJsonString());
                        break;
                    case "Log.entryAdded" when (string?)p!["entry"]!["level"] == "error":
                        Errors.Add("log: " + (string?)p["entry"]!["text"]);
                        break;
                }
                if (!_events.TryGetValue(method, out var e)) _events[method] = e = new(TaskCreationOptions.RunContinuationsAsynchronously);
                e.TrySetResult();
            }
        }
    }
}
