using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Training.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Privacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetentionMonths",
                table: "Agencies",
                type: "INTEGER",
                nullable: true);

            // People deactivated before this column existed left at their last deactivation in the audit log, else now:
            // their retention period runs from no earlier than what is known.
            migrationBuilder.Sql("""
                UPDATE AspNetUsers SET DeactivatedAt = COALESCE(
                    (SELECT MAX(e.At) FROM AuditEntries e WHERE e.Action = 'deactivated' AND e.SubjectId = AspNetUsers.Id),
                    strftime('%Y-%m-%d %H:%M:%S', 'now'))
                WHERE IsActive = 0;
                """);

            // The audit log stays append-only, with one exception: anonymisation may replace a label that named a person
            // with the anonymous label. Nothing else in an entry may change.
            migrationBuilder.Sql("DROP TRIGGER audit_entries_no_update;");
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON AuditEntries
                WHEN NEW.Id IS NOT OLD.Id OR NEW.At IS NOT OLD.At OR NEW.Action IS NOT OLD.Action
                  OR NEW.ActorId IS NOT OLD.ActorId OR NEW.AgencyId IS NOT OLD.AgencyId OR NEW.SubjectId IS NOT OLD.SubjectId
                  OR NEW.Details IS NOT OLD.Details
                  OR (NEW.ActorLabel IS NOT OLD.ActorLabel AND NEW.ActorLabel IS NOT 'anonymiserad person')
                  OR (NEW.SubjectLabel IS NOT OLD.SubjectLabel AND NEW.SubjectLabel IS NOT 'anonymiserad person')
                BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER audit_entries_no_update;");
            migrationBuilder.Sql("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit log is append-only'); END;");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "RetentionMonths",
                table: "Agencies");
        }
    }
}
