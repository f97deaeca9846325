using Cairn.Client.Progress;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cairn.Cli.Output;

/// <summary>
/// Progress-bar column with the rate, the time left and the bytes in flight, from the <see cref="TransferProgress"/>
/// kept in the task's <see cref="ProgressTask.Tag"/>. Spectre's own speed and remaining-time columns derive from
/// the bar's value, which moves only when a part finishes: with large parts they would read 0 bytes/s while data
/// is being sent, and the bar would stand still with nothing to show that the transfer moves.
/// </summary>
internal sealed class TransferStatusColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.Tag is TransferProgress progress ? new Text(TransferDisplay.Movement(progress)) : Text.Empty;
}
