using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CompletionNoteCleared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Completions stay append-only with one exception: anonymisation may clear the evidence note of a recorded
            // completion (free text that may name the person). No other column may change, and a note may not be
            // written or rewritten. QuizTests checks every column of the model against this list.
            migrationBuilder.Sql("DROP TRIGGER completions_no_update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER completions_no_update BEFORE UPDATE ON Completions
                WHEN NEW.Id IS NOT OLD.Id OR NEW.UserId IS NOT OLD.UserId OR NEW.AgencyId IS NOT OLD.AgencyId
                  OR NEW.ModuleId IS NOT OLD.ModuleId OR NEW.ModuleVersionId IS NOT OLD.ModuleVersionId OR NEW.Version IS NOT OLD.Version
                  OR NEW.ContentHash IS NOT OLD.ContentHash OR NEW.CompletedAt IS NOT OLD.CompletedAt
                  OR NEW.ScorePercent IS NOT OLD.ScorePercent OR NEW.ExpiresAt IS NOT OLD.ExpiresAt OR NEW.Source IS NOT OLD.Source
                  OR NEW.AttemptId IS NOT OLD.AttemptId OR NEW.SupersedesId IS NOT OLD.SupersedesId
                  OR NEW.VerificationCode IS NOT OLD.VerificationCode OR NEW.RecordedById IS NOT OLD.RecordedById
                  OR (NEW.Note IS NOT OLD.Note AND NEW.Note IS NOT NULL)
                BEGIN SELECT RAISE(ABORT, 'Completions are append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER completions_no_update;");
            migrationBuilder.Sql("CREATE TRIGGER completions_no_update BEFORE UPDATE ON Completions BEGIN SELECT RAISE(ABORT, 'Completions are append-only'); END;");
        }
    }
}
