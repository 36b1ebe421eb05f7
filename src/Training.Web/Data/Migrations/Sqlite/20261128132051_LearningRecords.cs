using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LearningRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CheckAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ModuleVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckAnswers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Completions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ModuleVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScorePercent = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AttemptId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    SupersedesId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Completions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Completions_ModuleVersions_ModuleVersionId",
                        column: x => x.ModuleVersionId,
                        principalTable: "ModuleVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuizAttempts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ModuleVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DrawnJson = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResponsesJson = table.Column<string>(type: "TEXT", nullable: true),
                    ResultJson = table.Column<string>(type: "TEXT", nullable: true),
                    ScorePercent = table.Column<int>(type: "INTEGER", nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuizAttempts_ModuleVersions_ModuleVersionId",
                        column: x => x.ModuleVersionId,
                        principalTable: "ModuleVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SectionVisits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ModuleVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Section = table.Column<int>(type: "INTEGER", nullable: false),
                    VisitedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SectionVisits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckAnswers_UserId_ModuleVersionId_CheckKey",
                table: "CheckAnswers",
                columns: new[] { "UserId", "ModuleVersionId", "CheckKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Completions_AgencyId_ModuleId",
                table: "Completions",
                columns: new[] { "AgencyId", "ModuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_Completions_AttemptId",
                table: "Completions",
                column: "AttemptId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Completions_ModuleVersionId",
                table: "Completions",
                column: "ModuleVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Completions_UserId_ModuleId_CompletedAt",
                table: "Completions",
                columns: new[] { "UserId", "ModuleId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_ModuleVersionId",
                table: "QuizAttempts",
                column: "ModuleVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_UserId_ModuleVersionId_SubmittedAt",
                table: "QuizAttempts",
                columns: new[] { "UserId", "ModuleVersionId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SectionVisits_UserId_ModuleVersionId_Section",
                table: "SectionVisits",
                columns: new[] { "UserId", "ModuleVersionId", "Section" },
                unique: true);

            // Completions are append-only: the database itself refuses to change or remove one.
            migrationBuilder.Sql("CREATE TRIGGER completions_no_update BEFORE UPDATE ON Completions BEGIN SELECT RAISE(ABORT, 'Completions are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER completions_no_delete BEFORE DELETE ON Completions BEGIN SELECT RAISE(ABORT, 'Completions are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS completions_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS completions_no_delete;");

            migrationBuilder.DropTable(
                name: "CheckAnswers");

            migrationBuilder.DropTable(
                name: "Completions");

            migrationBuilder.DropTable(
                name: "QuizAttempts");

            migrationBuilder.DropTable(
                name: "SectionVisits");
        }
    }
}
