using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuizOneOpenAttempt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Simultaneous Starts could leave a person several open attempts at one version; keep the newest, which the
            // quiz page showed. An open attempt holds only its drawn questions: no answer, score or completion is lost.
            migrationBuilder.Sql("""
                DELETE FROM "QuizAttempts"
                WHERE "SubmittedAt" IS NULL
                  AND rowid NOT IN (SELECT max(rowid) FROM "QuizAttempts" WHERE "SubmittedAt" IS NULL GROUP BY "UserId", "ModuleVersionId");
                """);
            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_OneOpen",
                table: "QuizAttempts",
                columns: new[] { "UserId", "ModuleVersionId" },
                unique: true,
                filter: "\"SubmittedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_OneOpen",
                table: "QuizAttempts");
        }
    }
}
