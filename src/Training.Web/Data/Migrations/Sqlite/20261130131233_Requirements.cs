using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Requirements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Completions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecordedById",
                table: "Completions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VerificationCode",
                table: "Completions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Completions made before certificates get their code here (SQLite's random() draws from its
            // OS-seeded CSPRNG); the append-only trigger is lifted for this one statement only.
            migrationBuilder.Sql("DROP TRIGGER completions_no_update;");
            migrationBuilder.Sql("UPDATE Completions SET VerificationCode = substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (random() & 31) + 1, 1);");
            migrationBuilder.Sql("CREATE TRIGGER completions_no_update BEFORE UPDATE ON Completions BEGIN SELECT RAISE(ABORT, 'Completions are append-only'); END;");

            migrationBuilder.AddColumn<DateOnly>(
                name: "JoinedAgencyOn",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReminderDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequirementId = table.Column<int>(type: "INTEGER", nullable: true),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Requirements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AgencyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    TrackId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    DueWithinDays = table.Column<int>(type: "INTEGER", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RenewalWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    GraceDays = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Requirements", x => x.Id);
                    table.CheckConstraint("CK_Requirements_ModuleOrTrack", "(\"ModuleId\" IS NULL) <> (\"TrackId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Requirements_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Requirements_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequirementJobRoles",
                columns: table => new
                {
                    RequirementId = table.Column<int>(type: "INTEGER", nullable: false),
                    JobRoleId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequirementJobRoles", x => new { x.RequirementId, x.JobRoleId });
                    table.ForeignKey(
                        name: "FK_RequirementJobRoles_JobRoles_JobRoleId",
                        column: x => x.JobRoleId,
                        principalTable: "JobRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RequirementJobRoles_Requirements_RequirementId",
                        column: x => x.RequirementId,
                        principalTable: "Requirements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Completions_SupersedesId",
                table: "Completions",
                column: "SupersedesId");

            migrationBuilder.CreateIndex(
                name: "IX_Completions_VerificationCode",
                table: "Completions",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_Key",
                table: "ReminderDeliveries",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_SentAt",
                table: "ReminderDeliveries",
                column: "SentAt");

            migrationBuilder.CreateIndex(
                name: "IX_RequirementJobRoles_JobRoleId",
                table: "RequirementJobRoles",
                column: "JobRoleId");

            migrationBuilder.CreateIndex(
                name: "IX_Requirements_AgencyId_RemovedAt",
                table: "Requirements",
                columns: new[] { "AgencyId", "RemovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Requirements_UnitId",
                table: "Requirements",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReminderDeliveries");

            migrationBuilder.DropTable(
                name: "RequirementJobRoles");

            migrationBuilder.DropTable(
                name: "Requirements");

            migrationBuilder.DropIndex(
                name: "IX_Completions_SupersedesId",
                table: "Completions");

            migrationBuilder.DropIndex(
                name: "IX_Completions_VerificationCode",
                table: "Completions");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Completions");

            migrationBuilder.DropColumn(
                name: "RecordedById",
                table: "Completions");

            migrationBuilder.DropColumn(
                name: "VerificationCode",
                table: "Completions");

            migrationBuilder.DropColumn(
                name: "JoinedAgencyOn",
                table: "AspNetUsers");
        }
    }
}
