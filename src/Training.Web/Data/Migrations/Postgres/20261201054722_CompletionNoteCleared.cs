using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CompletionNoteCleared : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Completions stay append-only with one exception, as on SQLite (migration CompletionNoteCleared there):
            // anonymisation may clear the evidence note of a recorded completion. The row without its note must not
            // change (whatever columns are added later), and a note may not be written or rewritten.
            migrationBuilder.Sql("""DROP TRIGGER completions_append_only ON "Completions";""");
            migrationBuilder.Sql("""CREATE TRIGGER completions_no_delete BEFORE DELETE ON "Completions" FOR EACH ROW EXECUTE FUNCTION training_append_only('Completions are append-only');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER completions_no_update BEFORE UPDATE ON "Completions" FOR EACH ROW
                WHEN ((to_jsonb(NEW) - 'Note') IS DISTINCT FROM (to_jsonb(OLD) - 'Note')
                  OR (NEW."Note" IS DISTINCT FROM OLD."Note" AND NEW."Note" IS NOT NULL))
                EXECUTE FUNCTION training_append_only('Completions are append-only');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER completions_no_update ON "Completions";""");
            migrationBuilder.Sql("""DROP TRIGGER completions_no_delete ON "Completions";""");
            migrationBuilder.Sql("""CREATE TRIGGER completions_append_only BEFORE UPDATE OR DELETE ON "Completions" FOR EACH ROW EXECUTE FUNCTION training_append_only('Completions are append-only');""");
        }
    }
}
