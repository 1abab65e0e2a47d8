using System.CommandLine;
using Igt.Runner.Cli;

namespace Igt.Runner;

public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Commands.Build(["igt-runner", .. args], stdout, stderr);
        // Regexes such as '@(pass|fail)$' start with '@': they are arguments, not response files.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"igt-runner: error: {string.Join("; ", parse.Errors.Select(e => e.Message.TrimEnd('.')))} (see igt-runner --help)");
            return ExitCodes.Usage;
        }
        // The runner handles SIGINT/SIGTERM itself (graceful stop, then kill); System.CommandLine must not cut it short.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, Output = stdout, Error = stderr });
    }
}
