namespace Igt.Runner.Results;

/// <summary>Writes every output of a run (results.json, results.csv, failures.csv, junit.xml) into its directory.</summary>
public static class ResultsWriter
{
    public static RunResults Generate(ResultsLayout layout)
    {
        var run = ResultsBuilder.Build(layout);
        TextFiles.WriteAtomic(layout.ResultsJson, ResultsJsonWriter.Write(run));
        TextFiles.WriteAtomic(layout.ResultsCsv, ResultsCsvWriter.Results(run));
        TextFiles.WriteAtomic(layout.FailuresCsv, ResultsCsvWriter.Failures(run));
        TextFiles.WriteAtomic(layout.JUnit, JUnitWriter.Write(run));
        return run;
    }
}
